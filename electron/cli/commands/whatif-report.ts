/**
 * How `rackplane whatif` prints an N-1 analysis: a text summary per failure (the first rows of each kind; JSON has
 * them all), the WhatIfResult as JSON, or JUnit with one testcase per failure that fails when the failure loses a
 * flow or a migration that redundancy could have kept (the same rule as the exit code).
 */
import { escapeControls } from '../../../shared/text/printable';
import { xmlAttr, xmlText } from '../../../shared/validate/report/xml';
import type { WhatIfOutcome, WhatIfResult } from '../../../shared/sim/whatif';
import { rate } from './simulate-report';

/** Rows of each kind shown per failure in text. */
const TOP = 5;

function rows<T>(items: readonly T[], line: (x: T) => string): string[] {
  const out = items.slice(0, TOP).map((x) => `    ${line(x)}`);
  if (items.length > TOP) out.push(`    … and ${items.length - TOP} more (see --format json)`);
  return out;
}

/** `2 dropped, 3 slowed, 4 kept up by failover, 1 migration no longer finishes`. */
function counts(o: WhatIfOutcome): string {
  const m = o.migrationsLost.length;
  return `${o.dropped.length} dropped, ${o.slowed.length} slowed, ${o.failedOver.length} kept up by failover` + (m ? `, ${m} migration${m === 1 ? '' : 's'} no longer finish${m === 1 ? 'es' : ''}` : '');
}

export function whatIfText(r: WhatIfResult, file: string, set: string): string {
  const lost = r.outcomes.filter((o) => o.lost > 0);
  const out = [
    `What-if (N-1) of scenario ${r.scenario} on ${file}: ${r.outcomes.length} of ${r.total} failures (${set})${r.cancelled ? ', cancelled' : ''}`,
    `Baseline: ${r.baseline.flows} flows (${r.baseline.carried} carried), ${r.baseline.migrationsFinishing} migrations finish`,
    `${lost.length} failure${lost.length === 1 ? ' loses' : 's lose'} traffic that redundancy could have kept${lost.length ? `: ${lost.map((o) => o.label).join(', ')}` : ''}`,
  ];
  for (const o of r.outcomes) {
    out.push('', `${o.label}: ${o.downLinks.length} links down; ${counts(o)}`);
    out.push(...rows(o.dropped, (x) => `dropped   ${x.flow} (was ${rate(x.beforeGbps)}): ${x.reason}${x.withFailedHost ? ' [on the failed host]' : ''}`));
    out.push(...rows(o.slowed, (x) => `slowed    ${x.flow}: ${rate(x.beforeGbps)} → ${rate(x.afterGbps)}`));
    out.push(...rows(o.failedOver, (x) => `failover  ${x.flow}: ${rate(x.beforeGbps)} → ${rate(x.afterGbps)} via ${x.movedTo.join(', ') || 'the same links'}`));
    out.push(...rows(o.migrationsLost, (x) => `migration ${x.vm} → ${x.to} no longer finishes: ${x.reason}${x.withFailedHost ? ' [on the failed host]' : ''}`));
  }
  // Labels, names and reasons come from the file: a control character in them is shown as an escape.
  return out.map(escapeControls).join('\n') + '\n';
}

/** JUnit: one testsuite per scenario, one testcase per failure, no times (runs diff cleanly). */
export function whatIfJunit(results: readonly WhatIfResult[], name: string): string {
  const tests = results.reduce((n, r) => n + r.outcomes.length, 0);
  const failures = results.reduce((n, r) => n + r.outcomes.filter((o) => o.lost > 0).length, 0);
  const suites = results.map((r) => {
    const cases = r.outcomes.map((o) => {
      const attrs = `name="${xmlAttr(o.label)}" classname="rackplane.whatif"`;
      if (o.lost === 0) return `    <testcase ${attrs}>\n      <system-out>${xmlText(counts(o))}</system-out>\n    </testcase>`;
      const lost = [
        ...o.dropped.filter((x) => !x.withFailedHost).map((x) => `flow ${x.flow} dropped (was ${rate(x.beforeGbps)}): ${x.reason}`),
        ...o.migrationsLost.filter((x) => !x.withFailedHost).map((x) => `migration ${x.vm} → ${x.to} no longer finishes: ${x.reason}`),
      ];
      const message = `${o.label}: ${lost.length} lost (${lost[0]}${lost.length > 1 ? ', …' : ''})`;
      return `    <testcase ${attrs}>\n      <failure message="${xmlAttr(message)}" type="lost">${xmlText(lost.join('\n'))}</failure>\n    </testcase>`;
    });
    const failed = r.outcomes.filter((o) => o.lost > 0).length;
    return [`  <testsuite name="${xmlAttr(r.scenario)}" tests="${r.outcomes.length}" failures="${failed}" errors="0" skipped="0">`, ...cases, '  </testsuite>'].join('\n');
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${xmlAttr(name)}" tests="${tests}" failures="${failures}" errors="0">`, ...suites, '</testsuites>', ''].join('\n');
}
