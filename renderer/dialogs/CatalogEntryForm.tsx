/**
 * The catalog's "Add NIC" and "Add switch" forms. Messages appear next to their field once the user has
 * tried to save (and then update as they type); nothing is sent to main until the entry parses.
 */
import { useId, useState, type ReactElement, type ReactNode } from 'react';
import type { CatalogEntry, SwitchCatalogKind } from '../../shared/catalog';
import { PCIE_GENS, PCIE_WIDTHS } from '../../shared/model/units';
import { EMPTY_NIC_FORM, EMPTY_SWITCH_FORM, parseNicForm, parseSwitchForm, type FormErrors, type FormResult, type NicFormValues, type SwitchFormValues } from '../catalog/entry-form';

export type EntryFormKind = 'nic' | 'switch';

interface Props {
  kind: EntryFormKind;
  /** The whole catalog, for the id check. */
  entries: readonly CatalogEntry[];
  /** Saves the entry; resolves with a one-line reason when main refused it, or null when saved. */
  save: (entry: CatalogEntry) => Promise<string | null>;
  cancel: () => void;
}

const SWITCH_KINDS: readonly { kind: SwitchCatalogKind; label: string }[] = [
  { kind: 'tor', label: 'ToR / spine switch' },
  { kind: 'fex', label: 'Fabric extender' },
  { kind: 'pcieSwitch', label: 'PCIe switch' },
];

/** One labelled control with its message (or hint) under it, tied together for screen readers. */
function Row({ label, error, hint, unit, children }: { label: string; error?: string; hint?: string; unit?: string; children: (a: { id: string; describedBy?: string; invalid?: true }) => ReactNode }): ReactElement {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="control">
        {children({ id, describedBy: note ? noteId : undefined, invalid: error ? true : undefined })}
        {unit ? <span className="unit">{unit}</span> : null}
      </div>
      {note ? (
        <span id={noteId} className={error ? 'error' : 'hint'} data-testid={error ? 'field-error' : undefined}>
          {note}
        </span>
      ) : null}
    </div>
  );
}

export function CatalogEntryForm({ kind, entries, save, cancel }: Props): ReactElement {
  const [nic, setNic] = useState<NicFormValues>(EMPTY_NIC_FORM);
  const [sw, setSw] = useState<SwitchFormValues>(EMPTY_SWITCH_FORM);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);

  const result: FormResult = kind === 'nic' ? parseNicForm(nic, entries) : parseSwitchForm(sw, entries);
  const errors: FormErrors = tried && !result.ok ? result.errors : {};

  const submit = async () => {
    setTried(true);
    setRefused(null);
    if (!result.ok || saving) return;
    setSaving(true);
    const reason = await save(result.entry);
    setSaving(false);
    if (reason) setRefused(reason);
  };

  const text = <K extends keyof NicFormValues>(k: K, label: string, opts: { unit?: string; hint?: string; placeholder?: string; autoFocus?: boolean } = {}) => (
    <Row label={label} error={errors[k]} hint={opts.hint} unit={opts.unit}>
      {(a) => (
        <input
          id={a.id}
          type="text"
          name={k}
          value={nic[k]}
          placeholder={opts.placeholder}
          aria-invalid={a.invalid}
          aria-describedby={a.describedBy}
          data-autofocus={opts.autoFocus ? true : undefined}
          onChange={(e) => setNic({ ...nic, [k]: e.target.value })}
        />
      )}
    </Row>
  );
  const choice = (k: 'pcieGen' | 'pcieWidth', label: string, options: readonly number[], show: (n: number) => string) => (
    <Row label={label} error={errors[k]}>
      {(a) => (
        <select id={a.id} name={k} value={nic[k]} aria-invalid={a.invalid} aria-describedby={a.describedBy} onChange={(e) => setNic({ ...nic, [k]: e.target.value })}>
          <option value="">unknown</option>
          {options.map((n) => (
            <option key={n} value={String(n)}>
              {show(n)}
            </option>
          ))}
        </select>
      )}
    </Row>
  );
  const switchText = (k: 'vendor' | 'model' | 'source', label: string, autoFocus = false) => (
    <Row label={label} error={errors[k]}>
      {(a) => (
        <input id={a.id} type="text" name={k} value={sw[k]} aria-invalid={a.invalid} aria-describedby={a.describedBy} data-autofocus={autoFocus ? true : undefined} onChange={(e) => setSw({ ...sw, [k]: e.target.value })} />
      )}
    </Row>
  );
  const unknownHint = 'leave empty when unknown';

  return (
    <form
      className="catalog-form"
      data-testid={`catalog-form-${kind}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {kind === 'nic' ? (
        <div className="catalog-form-grid">
          <fieldset>
            <legend>Identity</legend>
            {text('vendor', 'Vendor', { placeholder: 'Acme', autoFocus: true })}
            {text('model', 'Model', { placeholder: 'X2 (2 × 25GbE)' })}
            {text('pciId', 'PCI id', { placeholder: '8086:159b', hint: 'vendor:device of the PF; optional' })}
            {text('vfDeviceId', 'VF device id', { placeholder: '1889', hint: 'optional' })}
          </fieldset>
          <fieldset>
            <legend>Figures</legend>
            {text('ports', 'Ports', { placeholder: '2' })}
            {text('speedGbps', 'Speed per port', { unit: 'Gb/s', placeholder: '25' })}
            {choice('pcieGen', 'PCIe generation', PCIE_GENS, (g) => `Gen ${g}`)}
            {choice('pcieWidth', 'PCIe width', PCIE_WIDTHS, (w) => `x${w}`)}
            {text('totalVfsPerPf', 'TotalVFs per PF', { hint: unknownHint })}
            {text('maxVfsPerDevice', 'Max VFs per device', { hint: `${unknownHint} or no device-wide cap` })}
            {text('vmdqPools', 'VMDq pools', { hint: unknownHint })}
          </fieldset>
          <fieldset className="wide">
            <legend>Provenance</legend>
            <Row label="Notes" error={errors.notes}>
              {(a) => <textarea id={a.id} name="notes" value={nic.notes} aria-invalid={a.invalid} aria-describedby={a.describedBy} onChange={(e) => setNic({ ...nic, notes: e.target.value })} />}
            </Row>
            {text('source', 'Source', { placeholder: 'lspci -vvv on lab host r7-14', hint: 'where the figures come from' })}
          </fieldset>
        </div>
      ) : (
        <div className="catalog-form-grid single">
          <Row label="Kind">
            {(a) => (
              <select id={a.id} name="kind" value={sw.kind} onChange={(e) => setSw({ ...sw, kind: e.target.value as SwitchCatalogKind })}>
                {SWITCH_KINDS.map((k) => (
                  <option key={k.kind} value={k.kind}>
                    {k.label}
                  </option>
                ))}
              </select>
            )}
          </Row>
          {switchText('vendor', 'Vendor', true)}
          {switchText('model', 'Model')}
          <Row label="Properties" error={errors.props} hint="JSON object of element properties (see docs/topology.md); those left out take the kind's defaults">
            {(a) => (
              <textarea id={a.id} name="props" className="mono" value={sw.props} aria-invalid={a.invalid} aria-describedby={a.describedBy} onChange={(e) => setSw({ ...sw, props: e.target.value })} />
            )}
          </Row>
          <Row label="Notes" error={errors.notes}>
            {(a) => <textarea id={a.id} name="notes" value={sw.notes} aria-invalid={a.invalid} aria-describedby={a.describedBy} onChange={(e) => setSw({ ...sw, notes: e.target.value })} />}
          </Row>
          {switchText('source', 'Source')}
        </div>
      )}
      <p className="catalog-id" data-testid="catalog-form-id">
        Id: <code>{result.id || '—'}</code>
      </p>
      {errors.form || refused ? (
        <p className="error-line" role="alert" data-testid="catalog-form-error">
          {errors.form ?? refused}
        </p>
      ) : null}
      <div className="buttons">
        <button type="button" className="btn" onClick={cancel}>
          Cancel
        </button>
        <button type="submit" className="btn primary" disabled={saving}>
          {kind === 'nic' ? 'Save NIC' : 'Save switch'}
        </button>
      </div>
    </form>
  );
}
