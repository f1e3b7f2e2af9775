// Property tests of the copy-on-write command path (cow.ts) against immer (immer-reference.test-support.ts): on random
// command sequences with undo and redo, the History must reach the same designs as immer does, and its patches must
// have the same effect as immer's, replayed by immer itself (as the validation worker replays them).
import { applyPatches, type Patch } from 'immer';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { History, type HistoryChange } from './history';
import { CommandError, type Command } from './commands';
import { changesFromPatches } from './changes';
import { applyCommandWithImmer } from './immer-reference.test-support';
import { arbIntent, counterIds, resolveIntent, type Intent } from './commands.test-support';
import { arbDesign } from '../model/arbitraries.test-support';
import type { Design } from '../model/design';

type Op = { t: 'cmd'; intents: Intent[] } | { t: 'undo' } | { t: 'redo' };
const arbOp: fc.Arbitrary<Op> = fc.oneof(
  // Two commands in one step exercise the joined patches and the index moved between commands.
  { weight: 6, arbitrary: fc.array(arbIntent, { minLength: 1, maxLength: 2 }).map((intents) => ({ t: 'cmd' as const, intents })) },
  { weight: 2, arbitrary: fc.constant({ t: 'undo' as const }) },
  { weight: 2, arbitrary: fc.constant({ t: 'redo' as const }) },
);

const sortedIds = (s: Set<string>) => [...s].sort();

/** What immer makes of the same commands, or the CommandError it throws. */
function immerStep(d: Design, cmds: Command[]): { design: Design; patches: Patch[]; inverse: Patch[] } | { error: string } {
  try {
    let design = d;
    const patches: Patch[] = [];
    let inverse: Patch[] = [];
    for (const c of cmds) {
      const r = applyCommandWithImmer(design, c);
      design = r.design;
      patches.push(...r.patches);
      inverse = [...r.inverse, ...inverse];
    }
    return { design, patches, inverse };
  } catch (e) {
    if (e instanceof CommandError) return { error: e.message };
    throw e;
  }
}

/** The design and everything a change wrote (metadata, records) are frozen, deeply, as immer's auto-freeze left them. */
function expectFrozen(d: Design, patches: readonly Patch[]): void {
  const written = changesFromPatches(patches)!;
  const deep = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    expect(Object.isFrozen(v)).toBe(true);
    for (const x of Object.values(v)) deep(x);
  };
  expect(Object.isFrozen(d)).toBe(true);
  if (patches.some((p) => p.path[0] === 'meta')) deep(d.meta);
  for (const id of written.elements) if (Object.hasOwn(d.elements, id)) deep(d.elements[id]);
  for (const id of written.links) if (Object.hasOwn(d.links, id)) deep(d.links[id]);
}

describe('copy-on-write commands agree with immer', () => {
  it('same designs, same patch effects and same touched ids, through execute, undo and redo', () => {
    fc.assert(
      fc.property(arbDesign({ maxElements: 8, maxLinks: 8 }), fc.array(arbOp, { maxLength: 40, size: 'medium' }), (d0, ops) => {
        // The History works on its own copy: immer freezes every object it reaches, and the checks below must see
        // what the copy-on-write path froze, not what immer did.
        const h = new History(structuredClone(d0));
        const seen: HistoryChange[] = [];
        h.subscribeChanges((c) => seen.push(c));
        const fresh = counterIds();
        // The immer side's undo and redo stacks, of immer's own patches.
        const undo: { patches: Patch[]; inverse: Patch[] }[] = [];
        const redo: { patches: Patch[]; inverse: Patch[] }[] = [];
        let ref: Design = d0;
        for (const op of ops) {
          const before = h.design;
          seen.length = 0;
          if (op.t === 'undo' || op.t === 'redo') {
            const from = op.t === 'undo' ? undo : redo;
            const e = from.pop();
            expect(op.t === 'undo' ? h.undo() : h.redo()).toBe(e !== undefined);
            if (!e) continue;
            ref = applyPatches(ref, op.t === 'undo' ? e.inverse : e.patches);
            (op.t === 'undo' ? redo : undo).push(e);
          } else {
            const cmds: Command[] = [];
            let d = ref;
            for (const intent of op.intents) {
              const cmd = resolveIntent(intent, d, fresh);
              if (!cmd) continue;
              cmds.push(cmd);
              // Intents resolve against the immer side (equal to the History's design, checked below); later ones
              // against what immer makes of the earlier ones (ids and picks depend on it).
              const r = immerStep(d, [cmd]);
              if ('error' in r) break;
              d = r.design;
            }
            if (!cmds.length) continue;
            const want = immerStep(ref, cmds);
            if ('error' in want) {
              expect(() => h.execute(cmds)).toThrow(want.error);
              expect(h.design).toBe(before);
              continue;
            }
            h.execute(cmds);
            ref = want.design;
            expect(seen.length).toBe(want.patches.length ? 1 : 0);
            if (want.patches.length) {
              undo.push(want);
              redo.length = 0;
            }
          }
          expect(h.design).toEqual(ref);
          const c = seen[0];
          if (!c) {
            expect(h.design).toBe(before);
            continue;
          }
          if (c.type !== 'patches') throw new Error('expected a patch change');
          expect(c.design).toBe(h.design);
          expectFrozen(h.design, c.patches);
          // Replayed by immer, the History's patches make the new design and its inverse patches the old one.
          expect(applyPatches(before, c.patches as Patch[])).toEqual(h.design);
          expect(applyPatches(h.design, c.inverse as Patch[])).toEqual(before);
          const got = changesFromPatches(c.patches)!;
          const immerChanges = changesFromPatches(op.t === 'cmd' ? undo.at(-1)!.patches : op.t === 'undo' ? redo.at(-1)!.inverse : undo.at(-1)!.patches)!;
          expect(sortedIds(got.elements)).toEqual(sortedIds(immerChanges.elements));
          expect(sortedIds(got.links)).toEqual(sortedIds(immerChanges.links));
        }
      }),
      { numRuns: 200 },
    );
  });
});
