/** File › New: choose a template and its size; the options are checked as they are typed. */
import { useState, type ReactElement } from 'react';
import { resolveTemplateOptions, TEMPLATE_DESCRIPTIONS, TEMPLATE_NAMES, type TemplateName } from '../../shared/templates';
import type { DialogResult } from '../state/dialogs';
import { Modal } from './Modal';

const TITLES: Partial<Record<TemplateName, string>> = {
  empty: 'Empty',
  'single-host': 'Single server',
  rack: 'Rack',
  fabric: 'Leaf–spine fabric',
  chapter6: 'SR-IOV vs vSwitch (book example)',
};

const titleOf = (t: TemplateName) => TITLES[t] ?? t.charAt(0).toUpperCase() + t.slice(1).replace(/-/g, ' ');

/**
 * Which size options a template takes, asked of the template module itself (it refuses options a
 * template does not use), so a new template needs no change here.
 */
function takes(t: TemplateName): { hosts: boolean; vms: boolean } {
  return { hosts: resolveTemplateOptions(t, { hosts: 2 }).ok, vms: resolveTemplateOptions(t, { vmsPerHost: 3 }).ok };
}

function defaults(t: TemplateName): { hosts: string; vms: string } {
  const r = resolveTemplateOptions(t, {});
  return r.ok ? { hosts: String(r.hosts), vms: String(r.vmsPerHost) } : { hosts: '', vms: '' };
}

/** A whole number typed by the user, or NaN (which the template's own check then names). */
const parseCount = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN);

export function NewDesignDialog({ answer }: { answer: (r: DialogResult) => void }): ReactElement {
  const [template, setTemplate] = useState<TemplateName>('rack');
  const [hosts, setHosts] = useState(defaults('rack').hosts);
  const [vms, setVms] = useState(defaults('rack').vms);
  const sizes = takes(template);

  const opts = { hosts: sizes.hosts ? parseCount(hosts) : undefined, vmsPerHost: sizes.vms ? parseCount(vms) : undefined };
  const check = resolveTemplateOptions(template, opts);
  const problem = check.ok ? null : check.reason;
  const large = check.ok && check.hosts * check.vmsPerHost > 20_000;

  const choose = (t: TemplateName) => {
    setTemplate(t);
    const d = defaults(t);
    setHosts(d.hosts);
    setVms(d.vms);
  };
  const create = () => {
    if (check.ok) answer({ kind: 'create', template, ...opts });
  };

  return (
    <Modal title="New design" onCancel={() => answer({ kind: 'dismissed' })} testId="dialog-new">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <fieldset className="template-list">
          <legend className="sr-only">Template</legend>
          {TEMPLATE_NAMES.map((t) => (
            <label className="template-option" key={t}>
              <input type="radio" name="template" value={t} checked={template === t} onChange={() => choose(t)} data-autofocus={template === t ? true : undefined} />
              <span className="title">{titleOf(t)}</span>
              <span className="desc">{TEMPLATE_DESCRIPTIONS[t]}</span>
            </label>
          ))}
        </fieldset>
        {sizes.hosts ? (
          <div className="field">
            <label htmlFor="new-hosts">Servers</label>
            <div className="control">
              <input id="new-hosts" type="text" inputMode="numeric" value={hosts} onChange={(e) => setHosts(e.target.value)} aria-invalid={problem?.startsWith('hosts') ? true : undefined} />
            </div>
          </div>
        ) : null}
        {sizes.vms ? (
          <div className="field">
            <label htmlFor="new-vms">VMs per server</label>
            <div className="control">
              <input id="new-vms" type="text" inputMode="numeric" value={vms} onChange={(e) => setVms(e.target.value)} aria-invalid={problem?.startsWith('VMs') ? true : undefined} />
            </div>
          </div>
        ) : null}
        {problem ? (
          <p className="error" role="alert" style={{ color: 'var(--danger)' }}>
            {problem}
          </p>
        ) : large ? (
          <p>A design this large takes a few seconds to build; the canvas shows a simplified overview when zoomed out.</p>
        ) : null}
        <div className="buttons">
          <button type="button" className="btn" onClick={() => answer({ kind: 'dismissed' })}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={!check.ok}>
            Create
          </button>
        </div>
      </form>
    </Modal>
  );
}
