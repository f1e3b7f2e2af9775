import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbDesign } from '../model/arbitraries.test-support';
import { diffDesigns } from '../validate/view';
import { applyCommand, CommandError } from './commands';
import { arbIntent, counterIds, resolveIntent } from './commands.test-support';
import { changesFromPatches } from './changes';

const sorted = (s: Set<string>) => [...s].sort();

describe('changesFromPatches', () => {
  it('names exactly the records that diffDesigns finds changed, for any command sequence', () => {
    fc.assert(
      fc.property(arbDesign({ maxElements: 8, maxLinks: 8 }), fc.array(arbIntent, { minLength: 1, maxLength: 20 }), (d0, intents) => {
        const fresh = counterIds();
        let d = d0;
        let checked = 0;
        for (const intent of intents) {
          const cmd = resolveIntent(intent, d, fresh);
          if (!cmd) continue;
          let applied;
          try {
            applied = applyCommand(d, cmd);
          } catch (e) {
            if (e instanceof CommandError) continue;
            throw e;
          }
          const fromPatches = changesFromPatches(applied.patches);
          const diff = diffDesigns(d, applied.design);
          // Commands patch records one by one, never a whole record map.
          expect(fromPatches).not.toBeNull();
          expect({ elements: sorted(fromPatches!.elements), links: sorted(fromPatches!.links) }, `after ${cmd.type}`).toEqual({ elements: sorted(diff.elements), links: sorted(diff.links) });
          // The inverse patches touch the same records.
          const back = changesFromPatches(applied.inverse)!;
          expect({ elements: sorted(back.elements), links: sorted(back.links) }).toEqual({ elements: sorted(diff.elements), links: sorted(diff.links) });
          d = applied.design;
          checked++;
        }
        return checked >= 0;
      }),
      { numRuns: 200 },
    );
  });

  it('ignores design properties and gives up on whole-map replacements', () => {
    expect(changesFromPatches([{ op: 'replace', path: ['meta', 'name'], value: 'x' }])).toEqual({ elements: new Set(), links: new Set() });
    expect(changesFromPatches([{ op: 'replace', path: ['meta'], value: {} }])).toEqual({ elements: new Set(), links: new Set() });
    expect(changesFromPatches([{ op: 'replace', path: ['elements', 'a', 'ports', 0], value: 1 }, { op: 'remove', path: ['links', 'l1'] }])).toEqual({
      elements: new Set(['a']),
      links: new Set(['l1']),
    });
    expect(changesFromPatches([{ op: 'replace', path: ['elements'], value: {} }])).toBeNull();
    expect(changesFromPatches([{ op: 'replace', path: ['links'], value: {} }])).toBeNull();
    expect(changesFromPatches([{ op: 'replace', path: [], value: {} }])).toBeNull();
  });
});
