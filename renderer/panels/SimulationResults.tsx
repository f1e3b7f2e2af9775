/** Results of the last run: a sortable flow table and a migrations table (charts are in SimulationCharts). */
import { useMemo, useState, type ReactElement } from 'react';
import type { SimResults } from '../simulation/controller';
import { formatSeconds } from '../../shared/sim/charts';
import { elideMiddle, FLOW_COLUMN_HINTS, flowRows, formatRate, formatShare, migrationRows, migrationSources, nextSort, sortFlowRows, type FlowColumn, type FlowSort } from '../simulation/results-model';

/** Rows rendered at once; sorting covers every flow, the table shows the top of the order. */
const TABLE_MAX = 300;

const FLOW_COLUMNS: { key: FlowColumn; label: string; numeric?: boolean; hint?: string }[] = [
  { key: 'source', label: 'Source' },
  { key: 'destination', label: 'Destination' },
  { key: 'mode', label: 'Mode', hint: FLOW_COLUMN_HINTS.mode },
  { key: 'rate', label: 'Rate (Gb/s)', numeric: true },
  { key: 'demand', label: 'Demand (Gb/s)', numeric: true, hint: FLOW_COLUMN_HINTS.demand },
  { key: 'share', label: '% of demand', numeric: true, hint: FLOW_COLUMN_HINTS.share },
  { key: 'bottleneck', label: 'Bottleneck' },
  { key: 'dropped', label: 'Dropped' },
];

/** Characters a name cell shows before it is shortened in the middle (the full name is its tooltip). */
const NAME_MAX = 34;

/** A name cell: elided in the middle when long, the full text on hover. */
function NameCell({ text }: { text: string }): ReactElement {
  const shown = elideMiddle(text, NAME_MAX);
  return <td title={shown === text ? undefined : text}>{shown}</td>;
}

export function FlowTable({ results }: { results: SimResults }): ReactElement {
  const [sort, setSort] = useState<FlowSort>({ column: 'rate', descending: true });
  const rows = useMemo(() => flowRows(results.design, results.scenario, results.result), [results]);
  const sorted = useMemo(() => sortFlowRows(rows, sort), [rows, sort]);
  if (rows.length === 0) return <p className="sim-empty">This scenario has no flows.</p>;
  return (
    <div className="sim-table-wrap">
      <table className="sim-table" data-testid="sim-flow-table" aria-label="Flows">
        <thead>
          <tr>
            {FLOW_COLUMNS.map((c) => (
              <th key={c.key} className={c.numeric ? 'num' : undefined} aria-sort={sort.column === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <button type="button" title={c.hint} onClick={() => setSort(nextSort(sort, c.key))}>
                  {c.label}
                  {sort.column === c.key ? (sort.descending ? ' ▾' : ' ▴') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.slice(0, TABLE_MAX).map((r) => (
            <tr key={r.id} className={r.dropped ? 'dropped' : undefined}>
              <NameCell text={r.source} />
              <NameCell text={r.destination} />
              <td title={r.modeHint || undefined}>{r.mode}</td>
              <td className="num">{formatRate(r.rate)}</td>
              <td className="num">{r.demand === null ? 'no cap' : formatRate(r.demand)}</td>
              <td className="num">{r.share === null ? '—' : formatShare(r.share)}</td>
              <NameCell text={r.bottleneck} />
              <td>{r.dropped}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > TABLE_MAX ? (
        <p className="sim-more">
          Showing the first {TABLE_MAX} of {rows.length.toLocaleString()} flows in this order.
        </p>
      ) : null}
    </div>
  );
}

export function MigrationTable({ results }: { results: SimResults }): ReactElement {
  const rows = useMemo(() => migrationRows(results.design, results.result, migrationSources(results.design, results.scenario)), [results]);
  if (rows.length === 0) return <p className="sim-empty">This scenario has no migrations: add “Evacuate A”.</p>;
  return (
    <div className="sim-table-wrap">
      <table className="sim-table" data-testid="sim-migration-table" aria-label="Migrations">
        <thead>
          <tr>
            <th>VM</th>
            <th>From</th>
            <th>To</th>
            <th className="num">Rate (Gb/s)</th>
            <th className="num">Rounds</th>
            <th className="num">Sent (GiB)</th>
            <th className="num">Disk (GiB)</th>
            <th className="num">Total</th>
            <th className="num">Downtime</th>
            <th>Result</th>
            <th>Bottleneck</th>
            <th title="When the migration stops and copies (the source host's hypervisor, or the scenario's choice)">Policy</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, TABLE_MAX).map((r, i) => (
            <tr key={`${r.vm}-${i}`}>
              <NameCell text={r.vm} />
              <NameCell text={r.from} />
              <NameCell text={r.to} />
              <td className="num">{formatRate(r.rate)}</td>
              <td className="num">{r.rounds ?? '—'}</td>
              <td className="num">{r.transferredGiB === null ? '—' : r.transferredGiB.toFixed(2)}</td>
              <td className="num">{r.diskGiB === null ? '—' : r.diskGiB.toFixed(2)}</td>
              <td className="num">{r.totalSeconds === null ? '—' : formatSeconds(r.totalSeconds)}</td>
              <td className="num">{r.downtimeMs === null ? '—' : formatSeconds(r.downtimeMs / 1000)}</td>
              <td>{r.status}</td>
              <NameCell text={r.bottleneck} />
              <td>{r.policy || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
