/**
 * The simulation panel's what-if section: the failures in the scenario (set with Fail on the canvas), each with a
 * Restore button and what it did in the last run — flows dropped, slowed (before → after) and kept up by failover
 * — compared with the same scenario without the failures. The canvas heatmap shows the same diff per link.
 */
import { useMemo, type ReactElement } from 'react';
import { useActions } from '../actions/context';
import { formatRate } from '../simulation/results-model';
import { counted } from '../simulation/counts';
import { failureRows, type ChangedFlow, type FailureRow } from '../simulation/whatif-model';
import { useSimState, useSimulation } from '../simulation/use-simulation';
import { useStoreState } from '../state/use-store';

/** Flows listed per kind of change before the list is cut short. */
const LIST_MAX = 8;

function FlowList({ title, kind, flows }: { title: string; kind: string; flows: readonly ChangedFlow[] }): ReactElement | null {
  if (flows.length === 0) return null;
  return (
    <div className={`sim-whatif-flows ${kind}`} data-testid={`whatif-${kind}`}>
      <span className="sim-whatif-kind">{title}</span>
      <ul>
        {flows.slice(0, LIST_MAX).map((f) => (
          <li key={f.id} data-flow={f.id} title={f.note || undefined}>
            <span className="nowrap">
              {formatRate(f.beforeGbps)} → {formatRate(f.afterGbps)} Gb/s
            </span>{' '}
            {f.name}
            {f.note ? <span className="hint"> · {f.note}</span> : null}
          </li>
        ))}
        {flows.length > LIST_MAX ? <li className="more">and {flows.length - LIST_MAX} more</li> : null}
      </ul>
    </div>
  );
}

function FailureItem({ row, pending }: { row: FailureRow; pending: boolean }): ReactElement {
  const sim = useSimulation();
  const o = row.outcome;
  return (
    <li className="sim-whatif-failure" data-testid="whatif-failure" data-failure={row.key}>
      <div className="sim-whatif-head">
        <span className="sim-whatif-x" aria-hidden="true">
          ✕
        </span>
        <strong>{row.name}</strong>
        <span className="sim-whatif-summary" data-testid="whatif-summary">
          {row.problem ? `no longer applies (${row.problem})` : o ? o.summary : pending ? 'running…' : 'run the simulation to see its effect'}
        </span>
        <span className="spacer" />
        <button type="button" className="btn" aria-label={`Restore ${row.name}`} onClick={() => sim.restoreFailures([row.failure])}>
          Restore
        </button>
      </div>
      {o ? (
        <>
          <FlowList title="Dropped" kind="dropped" flows={o.dropped} />
          <FlowList title="Slowed" kind="slowed" flows={o.slowed} />
          <FlowList title="Kept up by failover" kind="failover" flows={o.failedOver} />
        </>
      ) : null}
    </li>
  );
}

export function SimulationWhatIf(): ReactElement | null {
  const actions = useActions();
  const design = useStoreState((s) => s.doc!.design);
  const failures = useSimState((s) => s.draft.failures);
  const results = useSimState((s) => s.results);
  const running = useSimState((s) => s.status.kind === 'running');
  const rows = useMemo(() => failureRows(design, failures, results), [design, failures, results]);
  if (failures.length === 0) return null;
  const carried = results?.whatIf?.carried;
  return (
    <section className="sim-whatif" data-testid="sim-whatif" aria-label="What-if failures">
      <div className="sim-whatif-title">
        <strong>What-if</strong>
        <span className="hint">
          {carried
            ? ` ${carried.after.toLocaleString()} of ${counted(carried.flows, 'flow')} carried (${carried.before.toLocaleString()} without the failures); each failure below is compared alone.`
            : ' Elements taken down in this scenario.'}
        </span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => void actions.perform('simulation.restoreAll', 'ui')}>
          Restore all
        </button>
      </div>
      <ul className="sim-whatif-list">
        {rows.map((r) => (
          <FailureItem key={r.key} row={r} pending={running} />
        ))}
      </ul>
    </section>
  );
}
