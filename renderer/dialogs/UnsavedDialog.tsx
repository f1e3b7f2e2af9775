/** Save / Don't Save / Cancel before unsaved changes would be lost. */
import type { ReactElement } from 'react';
import type { DialogResult } from '../state/dialogs';
import { Modal } from './Modal';

export function UnsavedDialog({ name, action, answer }: { name: string; action: string; answer: (r: DialogResult) => void }): ReactElement {
  return (
    <Modal title={`Save changes to “${name}”?`} onCancel={() => answer({ kind: 'dismissed' })} testId="dialog-unsaved">
      <p>Your changes will be lost if you don’t save them before {action}.</p>
      <div className="buttons">
        <button type="button" className="btn danger left" onClick={() => answer({ kind: 'discard' })}>
          Don’t Save
        </button>
        <button type="button" className="btn" onClick={() => answer({ kind: 'dismissed' })}>
          Cancel
        </button>
        <button type="button" className="btn primary" data-autofocus onClick={() => answer({ kind: 'save' })}>
          Save
        </button>
      </div>
    </Modal>
  );
}
