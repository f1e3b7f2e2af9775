/**
 * The scenario panel's two small forms: one flow (from, to, demand) and one migration (VM, target host).
 * Both add a row, or change the row being edited; a refusal shows its one-line reason under the form.
 */
import { useMemo, useState, type ReactElement } from 'react';
import type { Design } from '../../shared/model/design';
import { useSimulation } from '../simulation/use-simulation';
import { EMPTY_FLOW_FORM, groupOf, pickerGroups, type EndKey, type FlowForm, type PickerGroup } from '../simulation/scenario-edit';
import { hostOptions } from '../simulation/scenario-draft';

/** Host (or storage / outside) first, then the VM or target in it: two short lists instead of one huge one. */
function EndPicker(props: { groupLabel: string; itemLabel: string; design: Design; groups: PickerGroup[]; value: EndKey; onChange: (k: EndKey) => void }): ReactElement {
  const { groupLabel, itemLabel, design, groups, value, onChange } = props;
  const [picked, setPicked] = useState(() => groupOf(design, value));
  const group = groups.find((g) => g.id === picked);
  return (
    <div className="sim-preset-row">
      <label className="sim-field">
        <span>{groupLabel}</span>
        <select
          aria-label={groupLabel}
          value={group ? picked : ''}
          onChange={(e) => {
            const g = groups.find((x) => x.id === e.target.value);
            setPicked(e.target.value);
            // A group with one end (the outside world, a host with one VM) picks it straight away.
            onChange(g && g.items.length === 1 ? g.items[0]!.key : '');
          }}
        >
          <option value="">Choose…</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.label}
            </option>
          ))}
        </select>
      </label>
      <label className="sim-field">
        <span>{itemLabel}</span>
        <select aria-label={itemLabel} value={group?.items.some((i) => i.key === value) ? value : ''} disabled={!group} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose…</option>
          {group?.items.map((i) => (
            <option key={i.key} value={i.key}>
              {i.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

export interface Editing<T> {
  index: number;
  value: T;
}

/** Adds one flow, or changes the flow being edited. */
export function FlowFormView({ design, editing, onDone }: { design: Design; editing: Editing<FlowForm> | null; onDone: () => void }): ReactElement {
  const sim = useSimulation();
  const groups = useMemo(() => pickerGroups(design), [design]);
  const [form, setForm] = useState<FlowForm>(editing?.value ?? EMPTY_FLOW_FORM);
  const [error, setError] = useState<string | null>(null);
  const edit = (patch: Partial<FlowForm>) => {
    setForm({ ...form, ...patch });
    setError(null);
  };
  const submit = () => {
    const reason = sim.putFlow(form, editing?.index ?? null);
    setError(reason);
    if (reason === null) {
      setForm(EMPTY_FLOW_FORM);
      onDone();
    }
  };
  return (
    <form
      className="sim-form"
      aria-label={editing ? 'Edit flow' : 'Add a flow'}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <EndPicker groupLabel="From" itemLabel="Source" design={design} groups={groups} value={form.src} onChange={(src) => edit({ src })} />
      <EndPicker groupLabel="To" itemLabel="Destination" design={design} groups={groups} value={form.dst} onChange={(dst) => edit({ dst })} />
      <label className="sim-field">
        <span>Demand (Gb/s)</span>
        <input type="text" inputMode="decimal" aria-label="Flow demand" placeholder="unlimited" value={form.demandText} onChange={(e) => edit({ demandText: e.target.value })} />
      </label>
      <FormFooter error={error} editing={editing !== null} noun="flow" onDone={onDone} />
    </form>
  );
}

/** Adds one migration, or changes the migration being edited. */
export function MigrationFormView({ design, editing, onDone }: { design: Design; editing: Editing<{ vm: string; to: string }> | null; onDone: () => void }): ReactElement {
  const sim = useSimulation();
  const groups = useMemo(() => pickerGroups(design).filter((g) => g.id !== 'storage' && g.id !== 'external'), [design]);
  const hosts = useMemo(() => hostOptions(design), [design]);
  const [vm, setVm] = useState(editing ? `vm:${editing.value.vm}` : '');
  const [to, setTo] = useState(editing?.value.to ?? '');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const reason = sim.putMigration(vm.startsWith('vm:') ? vm.slice(3) : '', to, editing?.index ?? null);
    setError(reason);
    if (reason === null) {
      setVm('');
      setTo('');
      onDone();
    }
  };
  return (
    <form
      className="sim-form"
      aria-label={editing ? 'Edit migration' : 'Add a migration'}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <EndPicker
        groupLabel="Current host"
        itemLabel="VM"
        design={design}
        groups={groups}
        value={vm}
        onChange={(k) => {
          setVm(k);
          setError(null);
        }}
      />
      <label className="sim-field">
        <span>Target host</span>
        <select
          aria-label="Target host"
          value={hosts.some((h) => h.id === to) ? to : ''}
          onChange={(e) => {
            setTo(e.target.value);
            setError(null);
          }}
        >
          <option value="">Choose…</option>
          {hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.label}
            </option>
          ))}
        </select>
      </label>
      <FormFooter error={error} editing={editing !== null} noun="migration" onDone={onDone} />
    </form>
  );
}

/** A form's refusal reason (if any) and its submit / cancel-edit buttons, the same for flows and migrations. */
function FormFooter({ error, editing, noun, onDone }: { error: string | null; editing: boolean; noun: string; onDone: () => void }): ReactElement {
  return (
    <>
      {error ? (
        <p className="sim-form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="sim-preset-row">
        <button type="submit" className="btn">
          {editing ? `Save ${noun}` : `Add ${noun}`}
        </button>
        {editing ? (
          <button type="button" className="btn" onClick={onDone}>
            Cancel edit
          </button>
        ) : null}
      </div>
    </>
  );
}
