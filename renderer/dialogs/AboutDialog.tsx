/** Help › About: the app's name, version and component versions (Electron, Chromium, Node.js, V8) from `app:info`. */
import type { ReactElement } from 'react';
import type { AppInfo } from '../../shared/ipc/contract';
import type { DialogResult } from '../state/dialogs';
import { aboutVersionRows } from './about-versions';
import { Modal } from './Modal';

export function AboutDialog({ info, answer }: { info: AppInfo; answer: (r: DialogResult) => void }): ReactElement {
  const close = () => answer({ kind: 'dismissed' });
  return (
    <Modal title={`About ${info.name}`} onCancel={close} testId="dialog-about">
      <p>
        {info.name} {info.version}: design and check virtualized server I/O — PCIe trees, SR-IOV NICs, virtual switches and edge virtual bridging.
      </p>
      <dl className="about-versions">
        <dt>Version</dt>
        <dd>{info.version}</dd>
        <dt>Platform</dt>
        <dd>{info.platform}</dd>
        {aboutVersionRows(info.versions).map(({ label, value }) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="buttons">
        <button type="button" className="btn primary" data-autofocus onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  );
}
