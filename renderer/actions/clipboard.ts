/**
 * Cut, copy, paste and duplicate. The clip lives in memory in the renderer (a copied server is a piece of
 * this app's document, not text for other programs); what a paste adds is planned in shared/scene/clipboard.
 */
import { copySelection, pasteHost, planPaste, type Clip } from '../../shared/scene/clipboard';
import { asElementId, randomIds } from '../../shared/model/ids';
import type { AppState, AppStore } from '../state/store';
import type { ActionRegistry } from './registry';

const hasDoc = (s: AppState) => s.doc !== null && !s.busy;
const hasElements = (s: AppState) => hasDoc(s) && s.selection.elements.size > 0;

/** The in-app clipboard: the last copied clip, and how many times it was pasted (each paste shifts further). */
export class Clipboard {
  private clip: Clip | null = null;
  private pastes = 0;

  get content(): Clip | null {
    return this.clip;
  }

  set(clip: Clip): void {
    this.clip = clip;
    this.pastes = 0;
  }

  /** Counts a paste and returns its ordinal (1 for the first after a copy). */
  nextPaste(): number {
    return ++this.pastes;
  }
}

export function registerClipboardActions(r: ActionRegistry, store: AppStore, clipboard = new Clipboard()): Clipboard {
  const copy = (): boolean => {
    const { doc, selection } = store.getState();
    const clip = doc ? copySelection(doc.design, selection.elements) : null;
    if (!clip) return false;
    clipboard.set(clip);
    return true;
  };

  /** Adds a planned paste as one undo step and selects what it added. */
  const paste = (label: string, inPlace: boolean, clip: Clip, times: number): void => {
    const { doc, selection } = store.getState();
    if (!doc) return;
    const plan = planPaste(doc.design, clip, { host: pasteHost(doc.design, selection.elements), inPlace }, randomIds, times);
    if (!plan.ok) {
      store.error(`Cannot ${label.toLowerCase()}: ${plan.reason}`);
      return;
    }
    const r = store.execute(plan.command, { label: `${label} ${plan.label}` });
    if (r.ok) store.select({ elements: new Set(plan.roots), links: new Set() });
  };

  r.register({
    name: 'edit.copy',
    label: () => 'Copy',
    shortcuts: [{ key: 'c', mod: true }],
    predicate: hasElements,
    perform: () => {
      if (copy()) store.notify(`Copied ${clipboard.content!.roots.length === 1 ? '1 item' : `${clipboard.content!.roots.length} items`}`);
    },
  });
  r.register({
    name: 'edit.cut',
    label: () => 'Cut',
    shortcuts: [{ key: 'x', mod: true }],
    predicate: hasElements,
    perform: () => {
      if (!copy()) return;
      // Removing the roots removes their contents and every attached link, in one undo step.
      store.execute({ type: 'remove', elements: clipboard.content!.roots.map(asElementId), links: [] }, { label: 'Cut' });
    },
  });
  r.register({
    name: 'edit.paste',
    label: () => 'Paste',
    shortcuts: [{ key: 'v', mod: true }],
    predicate: (s) => hasDoc(s) && clipboard.content !== null,
    perform: () => paste('Paste', false, clipboard.content!, clipboard.nextPaste()),
  });
  r.register({
    name: 'edit.duplicate',
    label: () => 'Duplicate',
    shortcuts: [{ key: 'd', mod: true }],
    predicate: hasElements,
    perform: () => {
      const { doc, selection } = store.getState();
      const clip = doc ? copySelection(doc.design, selection.elements) : null;
      if (clip) paste('Duplicate', true, clip, 1);
    },
  });
  return clipboard;
}
