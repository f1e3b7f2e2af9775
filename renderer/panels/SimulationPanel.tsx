/**
 * The simulation panel, docked under the canvas: the scenario on the left; the run bar (Run, progress,
 * Cancel) and the results (flows, migrations, charts) on the right. Runs happen in a worker, so the rest of
 * the app stays usable; results computed on an older design are shown with a "stale" banner.
 */
import { useState, type ReactElement } from 'react';
import { useActions } from '../actions/context';
import { isStale } from '../simulation/controller';
import { formatSeconds } from '../../shared/sim/charts';
import { useSimState, useSimulation } from '../simulation/use-simulation';
import { useStoreState } from '../state/use-store';
import { SimulationCharts } from './SimulationCharts';
import { FlowTable, MigrationTable } from './SimulationResults';
import { formatThroughput } from '../simulation/results-model';
import { counted } from '../simulation/counts';

/** What the summary's efficiency figure is (shared/model/pcie.ts pcieProtocolEfficiency; docs/simulation.md). */
const PROTOCOL_EFFICIENCY_HINT =
  'The share of a PCIe link’s bandwidth left for data after each transaction packet’s framing, sequence number, header and CRC (about 24 bytes per packet): payload ÷ (payload + overhead) at the design’s max payload size. Every PCIe link’s capacity in this run is its raw rate × this figure.';
import { SimulationScenario } from './SimulationScenario';
import { SimulationWhatIf } from './SimulationWhatIf';
import { SimulationAdvice } from './SimulationAdvice';

type Tab = 'flows' | 'migrations' | 'charts';

const PHASES: Record<string, string> = { starting: 'Starting', paths: 'Resolving paths', traffic: 'Sharing bandwidth', migration: 'Migrating', 'what-if': 'Comparing without the failures' };

function RunBar(): ReactElement {
  const sim = useSimulation();
  const actions = useActions();
  const status = useSimState((s) => s.status);
  const draft = useSimState((s) => s.draft);
  const empty = draft.flows.length + draft.migrations.length === 0;
  return (
    <div className="sim-runbar">
      <button type="button" className="btn primary" disabled={status.kind === 'running' || empty} title={actions.tooltip('simulation.run')} onClick={() => void actions.perform('simulation.run', 'ui')}>
        Run
      </button>
      {status.kind === 'running' ? (
        <>
          <progress className="sim-progress" data-testid="sim-progress" max={1} value={status.fraction} aria-label="Simulation progress" />
          <span className="sim-phase">{PHASES[status.phase] ?? status.phase}…</span>
          <button type="button" className="btn" onClick={() => sim.cancel()}>
            Cancel
          </button>
        </>
      ) : (
        <span className={`sim-status ${status.kind}`} data-testid="sim-status" role="status">
          {status.kind === 'done'
            ? `Done in ${formatSeconds(status.seconds)}`
            : status.kind === 'cancelled'
              ? status.keptPrevious
                ? 'Cancelled: the previous results are kept'
                : 'Cancelled'
              : status.kind === 'error'
                ? status.keptPrevious
                  ? `${status.message} The previous results are kept.`
                  : status.message
                : empty
                  ? 'Add flows or migrations, then Run'
                  : `${counted(draft.flows.length, 'flow')}, ${counted(draft.migrations.length, 'migration')}`}
        </span>
      )}
    </div>
  );
}

function Results(): ReactElement {
  const results = useSimState((s) => s.results);
  const design = useStoreState((s) => s.doc?.design);
  const old = useSimState((s) => isStale(s, design));
  const [tab, setTab] = useState<Tab>('flows');
  if (!results) return <p className="sim-empty">No results yet. Build a scenario and press Run.</p>;
  const r = results.result;
  const dropped = r.flows.filter((f) => f.dropped).length;
  const total = r.flows.reduce((s, f) => s + f.rate, 0);
  return (
    <div className={`sim-results${old ? ' stale' : ''}`}>
      {old ? (
        <div className="sim-stale" role="status" data-testid="sim-stale">
          The design changed after this run: these results are stale. Run again to update them.
        </div>
      ) : null}
      <p className="sim-summary">
        <strong>{r.scenario}</strong>: {counted(r.flows.length, 'flow')}, <span className="nowrap">{formatThroughput(total)}</span> in total
        {dropped ? `, ${dropped.toLocaleString()} dropped` : ''}; {counted(r.migrations.length, 'migration')};{' '}
        <abbr title={PROTOCOL_EFFICIENCY_HINT} data-testid="sim-efficiency">
          PCIe protocol efficiency
        </abbr>{' '}
        <span className="nowrap">{(r.protocolEfficiency * 100).toFixed(1)} %</span>.
      </p>
      <div className="sim-tabs" role="tablist" aria-label="Results">
        {(['flows', 'migrations', 'charts'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'active' : undefined} onClick={() => setTab(t)}>
            {t === 'flows' ? `Flows (${r.flows.length.toLocaleString()})` : t === 'migrations' ? `Migrations (${r.migrations.length})` : 'Charts'}
          </button>
        ))}
      </div>
      <div className="sim-tab-body" role="tabpanel">
        {tab === 'flows' ? <FlowTable results={results} /> : tab === 'migrations' ? <MigrationTable results={results} /> : <SimulationCharts results={results} />}
      </div>
    </div>
  );
}

export function SimulationPanel(): ReactElement | null {
  const open = useSimState((s) => s.panelOpen);
  const heatmap = useSimState((s) => s.heatmap);
  const hasResults = useSimState((s) => s.results !== null);
  const sim = useSimulation();
  if (!open) return null;
  return (
    <section className="sim-panel" data-testid="simulation-panel" aria-label="Simulation">
      <header className="panel-header">
        Simulation
        <span className="spacer" />
        <label className="sim-toggle">
          <input type="checkbox" checked={heatmap} disabled={!hasResults} onChange={(e) => sim.toggleHeatmap(e.target.checked)} /> Heatmap on canvas
        </label>
        <button type="button" className="close" aria-label="Close simulation panel" onClick={() => sim.togglePanel(false)}>
          ×
        </button>
      </header>
      <div className="sim-body">
        <SimulationScenario />
        <div className="sim-main">
          <RunBar />
          <SimulationWhatIf />
          <SimulationAdvice />
          <Results />
        </div>
      </div>
    </section>
  );
}
