/** A list shown once, e.g. what loading a file repaired. */
import type { ReactElement } from 'react';
import { printableLine } from '../../shared/text/printable';
import type { DialogResult } from '../state/dialogs';
import { Modal } from './Modal';

export function ReportDialog({ title, intro, lines, answer }: { title: string; intro: string; lines: string[]; answer: (r: DialogResult) => void }): ReactElement {
  const close = () => answer({ kind: 'dismissed' });
  return (
    <Modal title={title} onCancel={close} testId="dialog-report">
      <p>{intro}</p>
      <ul className="report-list">
        {lines.map((l, i) => (
          // Each line quotes names and ports from the file: shown with their control characters escaped.
          <li key={i}>{printableLine(l, 1000)}</li>
        ))}
      </ul>
      <div className="buttons">
        <button type="button" className="btn primary" data-autofocus onClick={close}>
          OK
        </button>
      </div>
    </Modal>
  );
}
