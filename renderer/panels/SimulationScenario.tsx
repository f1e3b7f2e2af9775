/**
 * The scenario builder: presets (one flow per VM, host A → host B, evacuate host A), forms for single flows
 * and migrations, the flow and migration lists (edit, remove), and the run parameters. Scenario edits are
 * not design commands (no undo): the scenario is saved beside the design, like its results.
 */
import { useMemo, useState, type ReactElement } from 'react';
import { endLabel, hostOptions, MAX_PAYLOADS, migrationLabel, POLICY_CHOICES, type DraftFlow, type MaxPayload, type ScenarioDraft } from '../simulation/scenario-draft';
import { flowFormOf } from '../simulation/scenario-edit';
import { MIGRATION_SCENARIO_DEFAULTS } from '../../shared/sim/simulate';
import { FlowFormView, MigrationFormView } from './SimulationScenarioForms';
import { useSimState, useSimulation } from '../simulation/use-simulation';
import { useStoreState } from '../state/use-store';

/** Rows listed before the list is cut short (a 2,000-host "one flow per VM" has 40,000). */
const LIST_MAX = 50;

export function SimulationScenario(): ReactElement {
  const sim = useSimulation();
  const design = useStoreState((s) => s.doc!.design);
  const draft = useSimState((s) => s.draft);
  const running = useSimState((s) => s.status.kind === 'running');
  const hosts = useMemo(() => hostOptions(design), [design]);
  const [hostA, setHostA] = useState('');
  const [hostB, setHostB] = useState('');
  // The row whose values fill a form (null: the form adds a new row).
  const [editFlow, setEditFlow] = useState<number | null>(null);
  const [editMigration, setEditMigration] = useState<number | null>(null);
  const demandOf = (f: DraftFlow) => (f.own ? (f.demandGbps === null ? ' · unlimited' : ` · ${f.demandGbps} Gb/s`) : '');
  // A picked host that no longer exists (deleted, another design) falls back to "choose".
  const a = hosts.some((h) => h.id === hostA) ? hostA : '';
  const b = hosts.some((h) => h.id === hostB) ? hostB : '';

  const hostSelect = (label: string, value: string, set: (v: string) => void) => (
    <label className="sim-field">
      <span>{label}</span>
      <select aria-label={label} value={value} onChange={(e) => set(e.target.value)}>
        <option value="">Choose…</option>
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {h.label} ({h.vms} VMs)
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="sim-scenario" aria-label="Scenario">
      <h3>Presets</h3>
      <div className="sim-presets">
        <button type="button" className="btn" onClick={() => sim.addPreset({ kind: 'onePerVm' })}>
          One flow per VM
        </button>
        <div className="sim-preset-row">
          {hostSelect('Host A', a, setHostA)}
          {hostSelect('Host B', b, setHostB)}
        </div>
        <div className="sim-preset-row">
          <button type="button" className="btn" disabled={!a || !b} onClick={() => sim.addPreset({ kind: 'allToAll', hostA: a, hostB: b })}>
            All VMs of A → all VMs of B
          </button>
          <button type="button" className="btn" disabled={!a} onClick={() => sim.addPreset({ kind: 'evacuate', hostA: a })}>
            Evacuate A
          </button>
        </div>
      </div>

      <h3>
        Flows <span className="count">{draft.flows.length.toLocaleString()}</span>
      </h3>
      <ul className="sim-list" aria-label="Scenario flows">
        {draft.flows.slice(0, LIST_MAX).map((f, i) => (
          <li key={f.id} className={editFlow === i ? 'editing' : undefined}>
            <span className="what">
              {endLabel(design, f.src)} → {endLabel(design, f.dst)}
              {demandOf(f)}
            </span>
            <button type="button" className="remove" aria-label={`Edit flow ${f.id}`} title="Edit" disabled={running} onClick={() => setEditFlow(i)}>
              ✎
            </button>
            <button
              type="button"
              className="remove"
              aria-label={`Remove flow ${f.id}`}
              onClick={() => {
                setEditFlow(null);
                sim.editDraft({ flows: draft.flows.filter((x) => x !== f) });
              }}
            >
              ×
            </button>
          </li>
        ))}
        {draft.flows.length > LIST_MAX ? <li className="more">and {(draft.flows.length - LIST_MAX).toLocaleString()} more</li> : null}
        {draft.flows.length === 0 ? <li className="more">No flows yet: add a preset or one flow below.</li> : null}
      </ul>
      <FlowFormView
        key={`flow-${editFlow ?? 'new'}`}
        design={design}
        editing={editFlow !== null && draft.flows[editFlow] ? { index: editFlow, value: flowFormOf(draft.flows[editFlow]!) } : null}
        onDone={() => setEditFlow(null)}
      />

      <h3>
        Migrations <span className="count">{draft.migrations.length.toLocaleString()}</span>
      </h3>
      <ul className="sim-list" aria-label="Scenario migrations">
        {draft.migrations.slice(0, LIST_MAX).map((m, i) => (
          <li key={m.vm} className={editMigration === i ? 'editing' : undefined}>
            <span className="what">{migrationLabel(design, m)}</span>
            <button type="button" className="remove" aria-label={`Edit migration of ${m.vm}`} title="Edit" disabled={running} onClick={() => setEditMigration(i)}>
              ✎
            </button>
            <button
              type="button"
              className="remove"
              aria-label={`Remove migration of ${m.vm}`}
              onClick={() => {
                setEditMigration(null);
                sim.editDraft({ migrations: draft.migrations.filter((x) => x !== m) });
              }}
            >
              ×
            </button>
          </li>
        ))}
        {draft.migrations.length > LIST_MAX ? <li className="more">and {(draft.migrations.length - LIST_MAX).toLocaleString()} more</li> : null}
      </ul>
      <MigrationFormView
        key={`migration-${editMigration ?? 'new'}`}
        design={design}
        editing={editMigration !== null && draft.migrations[editMigration] ? { index: editMigration, value: draft.migrations[editMigration]! } : null}
        onDone={() => setEditMigration(null)}
      />
      <button type="button" className="btn" disabled={running || draft.flows.length + draft.migrations.length === 0} onClick={() => sim.clearDraft()}>
        Clear scenario
      </button>

      <h3>Parameters</h3>
      <label className="sim-field">
        <span title="Applies to preset flows; a flow added by hand keeps its own demand">Demand cap per flow (Gb/s)</span>
        <input type="text" inputMode="decimal" placeholder="elastic" value={draft.demandText} onChange={(e) => sim.editDraft({ demandText: e.target.value })} />
      </label>
      <label className="sim-field">
        <span>PCIe max payload</span>
        <select value={draft.maxPayload} onChange={(e) => sim.editDraft({ maxPayload: Number(e.target.value) as MaxPayload })}>
          {MAX_PAYLOADS.map((p) => (
            <option key={p} value={p}>
              {p} B
            </option>
          ))}
        </select>
      </label>
      <label className="sim-field">
        <span>Downtime limit (ms)</span>
        <input type="text" inputMode="decimal" value={draft.downtimeText} onChange={(e) => sim.editDraft({ downtimeText: e.target.value })} />
      </label>
      <label className="sim-field">
        <span title="How fast guests write their disks while a local disk is copied (an estimate)">Disk write rate (Gb/s)</span>
        <input type="text" inputMode="decimal" placeholder={`${MIGRATION_SCENARIO_DEFAULTS.diskWriteGbps} (default)`} value={draft.diskWriteText} onChange={(e) => sim.editDraft({ diskWriteText: e.target.value })} />
      </label>
      <label className="sim-field">
        <span title="RARP or VDP associate after a migration (an estimate); downtime only for a VDP associate">Edge update (ms)</span>
        <input type="text" inputMode="decimal" placeholder={`${MIGRATION_SCENARIO_DEFAULTS.networkUpdateSec * 1000} (default)`} value={draft.networkUpdateText} onChange={(e) => sim.editDraft({ networkUpdateText: e.target.value })} />
      </label>
      <label className="sim-field">
        <span title="When a migration stops and copies: each source host's hypervisor (KVM → QEMU, Xen → Xen 4.6+, ESXi → vSphere), or one policy for all (docs/simulation.md)">Stop policy</span>
        <select value={draft.policy} onChange={(e) => sim.editDraft({ policy: e.target.value as ScenarioDraft['policy'] })}>
          {POLICY_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label className="sim-field">
        <span title="The hypervisor's migration bandwidth limit (QEMU max-bandwidth; QEMU alone defaults to 128 MiB/s ≈ 1.07 Gb/s, libvirt and vMotion to none)">Migration limit (Gb/s)</span>
        <input type="text" inputMode="decimal" placeholder="none (default)" value={draft.migrationBandwidthText} onChange={(e) => sim.editDraft({ migrationBandwidthText: e.target.value })} />
      </label>
    </section>
  );
}
