/**
 * The simulation panel's placement advice (issue #13; Santana figure 6.10): "Advise placement" asks the worker which VM
 * moves keep the scenario's heavy VM↔VM and VM↔storage traffic inside a host or a rack within MIG-001's rules, then
 * lists them with the Ethernet load before and after all of them. "Add as migration" (one move) and "Add all" put the
 * moves in the scenario as migrations, one undo step each; the design keeps VMs where they are today (as
 * `rackplane advise --apply`), so the scenario's next run shows what migrating them costs.
 */
import { useMemo, type ReactElement } from 'react';
import { useActions } from '../actions/context';
import { formatSeconds } from '../../shared/sim/charts';
import { adviceSummary, loadRows, moveRows, type MoveRow } from '../simulation/advice-model';
import { useSimState, useSimulation } from '../simulation/use-simulation';
import { useStoreState } from '../state/use-store';
import type { PlacementAdvice } from '../../shared/sim/placement';

const PHASES: Record<string, string> = { 'advise-before': 'Running the scenario as placed', 'advise-search': 'Looking for moves', 'advise-after': 'Running it with the moves' };

/** Moves listed before the list is cut short (the advice suggests at most 20 by default). */
const LIST_MAX = 50;

function MoveItem({ row, onApply }: { row: MoveRow; onApply: () => void }): ReactElement {
  return (
    <li className={`sim-advice-move${row.inScenario ? ' in-scenario' : ''}`} data-testid="advice-move" data-vm={row.vm}>
      <span className="sim-advice-text">
        <span className="sim-advice-what">
          {/* Names break between them, never at their own hyphens. */}
          <strong className="nowrap">{row.vmName}</strong>: <span className="nowrap">{row.fromName}</span> → <span className="nowrap">{row.toName}</span>
        </span>
        <span className={row.problem ? 'sim-advice-problem' : 'hint'}>{row.problem ?? row.gain}</span>
      </span>
      {row.inScenario ? (
        <span className="sim-advice-done" title="The scenario migrates this VM there: Run shows the migration">
          In scenario
        </span>
      ) : (
        <button type="button" className="btn" disabled={row.problem !== null} aria-label={`Add migration: ${row.vmName} to ${row.toName}`} title={row.problem ?? undefined} onClick={onApply}>
          Add as migration
        </button>
      )}
    </li>
  );
}

function AdviceResult({ advice, seconds }: { advice: PlacementAdvice; seconds: number }): ReactElement {
  const sim = useSimulation();
  const design = useStoreState((s) => s.doc!.design);
  const migrations = useSimState((s) => s.draft.migrations);
  const rows = useMemo(() => moveRows(design, advice, migrations), [design, advice, migrations]);
  const loads = useMemo(() => loadRows(advice.before, advice.after), [advice]);
  const ready = advice.moves.filter((_, i) => !rows[i]!.inScenario && rows[i]!.problem === null);
  if (advice.moves.length === 0) {
    return (
      <p className="sim-advice-empty" data-testid="advice-empty" role="status">
        {adviceSummary(advice)}
      </p>
    );
  }
  return (
    <div className="sim-advice-body">
      <table className="sim-advice-load" data-testid="advice-load">
        <caption className="hint" title="The scenario’s flows with the VMs where they are and where the moves would leave them; the migrations’ own traffic is not in these figures (Run shows it).">
          Before and after {advice.moves.length === 1 ? 'the move' : `all ${advice.moves.length} moves`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Network load</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {loads.map((l) => (
            <tr key={l.label} title={l.hint}>
              <th scope="row">{l.label}</th>
              <td>{l.before}</td>
              <td className={`trend-${l.trend}`}>{l.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="sim-advice-moves">
        <p className="sim-advice-summary" role="status">
          {adviceSummary(advice)}{' '}
          {/* Not in the table's caption: a caption is as narrow as the table, and the time made it wrap above the figures. */}
          <span className="hint" data-testid="advice-time">
            Computed in {formatSeconds(seconds)}.
          </span>
        </p>
        <ul className="sim-advice-list" aria-label="Suggested moves">
          {advice.moves.slice(0, LIST_MAX).map((m, i) => (
            <MoveItem key={m.vm} row={rows[i]!} onApply={() => sim.applyAdvice([m])} />
          ))}
          {advice.moves.length > LIST_MAX ? <li className="more">and {advice.moves.length - LIST_MAX} more (Add all includes them)</li> : null}
        </ul>
        <p className="hint sim-advice-note" data-testid="advice-note">
          Adding puts the moves in this scenario as migrations; the design keeps VMs where they are today. Run the scenario to see what migrating them costs.
        </p>
        {advice.moves.length > 1 ? (
          <button type="button" className="btn primary" disabled={ready.length === 0} onClick={() => sim.applyAdvice(ready)}>
            Add all ({ready.length}) as migrations
          </button>
        ) : null}
      </div>
    </div>
  );
}

export function SimulationAdvice(): ReactElement {
  const sim = useSimulation();
  const actions = useActions();
  const state = useSimState((s) => s.advice);
  const canAdvise = useSimState((s) => s.draft.flows.length > 0 && s.status.kind !== 'running');
  return (
    <section className="sim-advice" data-testid="sim-advice" aria-label="Placement advice">
      <div className="sim-advice-title">
        <strong>Placement advice</strong>
        <span className="hint">VM moves that keep heavy traffic in a host or rack (within MIG-001)</span>
        <span className="spacer" />
        {state.kind === 'running' ? (
          <>
            <progress className="sim-progress" data-testid="advice-progress" max={1} value={state.fraction} aria-label="Placement advice progress" />
            <span className="sim-phase">{PHASES[state.phase] ?? 'Working'}…</span>
            <button type="button" className="btn" onClick={() => sim.cancelAdvice()}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" className="btn" disabled={!canAdvise} title={canAdvise ? undefined : 'Add flows to the scenario first'} onClick={() => void actions.perform('simulation.advise', 'ui')}>
            Advise placement
          </button>
        )}
      </div>
      {state.kind === 'error' ? (
        <p className="sim-advice-error" role="alert" data-testid="advice-error">
          {state.message}
        </p>
      ) : state.kind === 'cancelled' ? (
        <p className="hint" role="status">
          Cancelled.
        </p>
      ) : state.kind === 'done' ? (
        <AdviceResult advice={state.advice} seconds={state.seconds} />
      ) : null}
    </section>
  );
}
