/**
 * The link beside an inspector field whose term is jargon: to the validator rule that checks it (opened in the
 * problems panel, with the rule's description even when the design breaks nothing) or to the guide that explains
 * it (opened by main from the installation's docs folder; the page names the guide, never a path).
 */
import type { ReactElement } from 'react';
import { createIpc } from '../ipc/client';
import { useAppStore } from '../state/use-store';
import type { FieldRef } from './fields';

export function FieldRefLink({ fieldRef, label }: { fieldRef: FieldRef; label: string }): ReactElement {
  const store = useAppStore();
  if ('rule' in fieldRef) {
    return (
      <button type="button" className="field-ref" title={`Show rule ${fieldRef.rule} in the problems panel`} aria-label={`${label}: show rule ${fieldRef.rule}`} onClick={() => store.showRule(fieldRef.rule)}>
        {fieldRef.rule}
      </button>
    );
  }
  const open = () => {
    let failed = false;
    const ipc = createIpc(window.rackplane, (m) => {
      failed = true;
      store.error(m);
    });
    void ipc('help:openDoc', fieldRef.doc).then(() => {
      if (!failed) store.notify(`Opened docs/${fieldRef.doc}.md — see “${fieldRef.section}”`);
    });
  };
  return (
    <button type="button" className="field-ref" title={`Open docs/${fieldRef.doc}.md, section “${fieldRef.section}”`} aria-label={`${label}: open docs/${fieldRef.doc}.md`} onClick={open}>
      docs
    </button>
  );
}
