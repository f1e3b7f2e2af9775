/**
 * The command path as it was before cow.ts: immer's produceWithPatches over the design, with the containment and
 * link index rebuilt from scratch (`indexDesign`) for every command. The property tests check the copy-on-write path
 * and the History's incrementally kept index against it. Test-only.
 */
import { produceWithPatches, type Draft, type Patch } from 'immer';
import { indexDesign, type Design, type DesignMeta } from '../model/design';
import type { Element } from '../model/elements';
import type { Link } from '../model/links';
import { writeCommand, type Command } from './commands';
import type { DesignDraft, DraftTable } from './cow';
import type { DesignLookup } from './live-index';

interface MutableDesign {
  meta: DesignMeta;
  elements: Record<string, Element>;
  links: Record<string, Link>;
}

function tableOf<T>(rec: Record<string, T>): DraftTable<T> {
  return {
    has: (id) => Object.hasOwn(rec, id),
    get: (id) => (Object.hasOwn(rec, id) ? rec[id] : undefined),
    set: (id, v) => {
      rec[id] = v;
    },
    // Own keys only: immer records a `remove` patch for deleting an inherited name such as "toString".
    delete: (id) => {
      if (Object.hasOwn(rec, id)) delete rec[id];
    },
  };
}

/** The whole-design index, built only when a command asks (a delete, a shrink), as the immer path did. */
function fullIndex(d: Design): DesignLookup {
  let index: ReturnType<typeof indexDesign> | null = null;
  const get = () => (index ??= indexDesign(d));
  return { childrenOf: (id) => get().children.get(id) ?? [], linksOf: (id) => get().linksOf.get(id) ?? [] };
}

/** `applyCommand` through immer: the new design and immer's own patches. Throws CommandError as the command does. */
export function applyCommandWithImmer(design: Design, cmd: Command): { design: Design; patches: Patch[]; inverse: Patch[] } {
  const [next, patches, inverse] = produceWithPatches(design, (draft) => {
    const d = draft as Draft<Design> as MutableDesign;
    const table: DesignDraft = {
      elements: tableOf(d.elements),
      links: tableOf(d.links),
      setMeta: (m) => {
        d.meta = m;
      },
    };
    writeCommand(table, design, cmd, fullIndex(design));
  });
  return { design: next, patches, inverse };
}
