import { makeTemplate } from '/work/main/shared/templates';
import { validateDesign } from '/work/main/shared/validate/engine';
import { ALL_RULES } from '/work/main/shared/validate/rules';
const d = makeTemplate('fabric', { hosts: 2000, vmsPerHost: 20 });
const time = (rules: typeof ALL_RULES) => { validateDesign(d, rules); const t0 = performance.now(); for (let i = 0; i < 5; i++) validateDesign(d, rules); return (performance.now() - t0) / 5; };
const all = time(ALL_RULES);
console.log('all', all.toFixed(1), 'none', time([]).toFixed(1));
for (const r of ALL_RULES) console.log(r.id, (all - time(ALL_RULES.filter((x) => x !== r))).toFixed(1));
