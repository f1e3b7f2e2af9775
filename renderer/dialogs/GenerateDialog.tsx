/** File › Generate Deployment Config…: which configuration to write from the design (main then asks for the folder). */
import { useState, type ReactElement } from 'react';
import { GENERATE_TARGETS, type GenerateTarget } from '../../shared/generate';
import type { DialogResult } from '../state/dialogs';
import { Modal } from './Modal';

/** What each target writes, as docs/interop.md says it. */
export const GENERATE_TARGET_INFO: Record<GenerateTarget, { title: string; desc: string }> = {
  libvirt: { title: 'libvirt domains', desc: 'a domain XML per VM of each KVM host (vCPUs, memory, OVS/macvtap/VF interfaces, VLANs, VSI) and a hostdev network per SR-IOV physical function' },
  'sriov-device-plugin': { title: 'SR-IOV device plugin', desc: "the Kubernetes SR-IOV network device plugin's resourceList per host: a pool per PF whose VFs VMs hold" },
  netplan: { title: 'netplan', desc: "per Linux host: NIC ports (MTU, VF count), the virtual switch's bond in its team mode, and the bridge over it" },
  'switch-intent': { title: 'Switch intent', desc: 'one vendor-neutral JSON: per switch its LAGs and MLAG peer, per port breakout, speed, cable, VLANs, relay, EVB, S-channels' },
};

export function GenerateDialog({ answer }: { answer: (r: DialogResult) => void }): ReactElement {
  const [target, setTarget] = useState<GenerateTarget>('libvirt');
  return (
    <Modal title="Generate deployment configuration" onCancel={() => answer({ kind: 'dismissed' })} testId="dialog-generate">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          answer({ kind: 'generate', target });
        }}
      >
        <p>Values the design does not hold (interface names, PCI addresses) are written as PLACEHOLDER-… and listed after the files are written.</p>
        <fieldset className="template-list">
          <legend className="sr-only">Configuration</legend>
          {GENERATE_TARGETS.map((t) => (
            <label className="template-option" key={t}>
              <input type="radio" name="generate-target" value={t} checked={target === t} onChange={() => setTarget(t)} data-autofocus={target === t ? true : undefined} />
              <span className="title">{GENERATE_TARGET_INFO[t].title}</span>
              <span className="desc">{GENERATE_TARGET_INFO[t].desc}</span>
            </label>
          ))}
        </fieldset>
        <div className="buttons">
          <button type="button" className="btn" onClick={() => answer({ kind: 'dismissed' })}>
            Cancel
          </button>
          <button type="submit" className="btn primary">
            Choose Folder…
          </button>
        </div>
      </form>
    </Modal>
  );
}
