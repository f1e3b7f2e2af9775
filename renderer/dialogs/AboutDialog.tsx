/** Help › About: the app's name, version and component versions from `app:info`. */
import type { ReactElement } from 'react';
import type { AppInfo } from '../../shared/ipc/contract';
import type { DialogResult } from '../state/dialogs';
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
        {Object.entries(info.versions).map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt>{k}</dt>
            <dd>{v}</dd>
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
