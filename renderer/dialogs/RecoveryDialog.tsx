/** At start-up: unsaved work from an earlier session, each copy recoverable or discardable. */
import type { ReactElement } from 'react';
import type { RecoveryInfo } from '../../shared/ipc/contract';
import type { DialogResult } from '../state/dialogs';
import { Modal } from './Modal';

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function RecoveryDialog({ items, answer }: { items: RecoveryInfo[]; answer: (r: DialogResult) => void }): ReactElement {
  return (
    <Modal title="Recover unsaved work?" onCancel={() => answer({ kind: 'dismissed' })} testId="dialog-recovery">
      <p>Rackplane closed before these designs were saved. Recover one to continue where you left off; it stays unsaved until you save it.</p>
      {items.map((item, i) => (
        <div className="recovery-item" key={item.id}>
          <div className="what">
            <strong>{item.name}</strong>
            <small title={item.path ?? undefined}>
              {item.path ?? 'never saved'} · autosaved {when(item.savedAt)}
            </small>
          </div>
          <button type="button" className="btn danger" onClick={() => answer({ kind: 'discardRecovery', id: item.id })}>
            Discard
          </button>
          <button type="button" className="btn primary" data-autofocus={i === 0 ? true : undefined} onClick={() => answer({ kind: 'recover', id: item.id })}>
            Recover
          </button>
        </div>
      ))}
      <div className="buttons">
        <button type="button" className="btn" onClick={() => answer({ kind: 'dismissed' })}>
          Decide Later
        </button>
      </div>
    </Modal>
  );
}
