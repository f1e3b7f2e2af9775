/**
 * Charts of the last run in plain SVG: bytes per pre-copy round and the timeline of a migration, the
 * utilisation histogram of links, and vSwitch copy use per host. Scales come from shared/sim/charts.ts.
 */
import { useMemo, useState, type ReactElement } from 'react';
import { HEAT_BANDS, heatBand } from '../../shared/scene/heatmap';
import type { SimResults } from '../simulation/controller';
import { endLabel } from '../simulation/scenario-draft';
import { formatBytes, formatSeconds, linearScale, rateStepPoints, rateStepsLabel, timelineSegments, utilisationHistogram, type SegmentKind, type TimelineSegment } from '../../shared/sim/charts';
import type { RateStep } from '../../shared/sim/simulate';

const W = 360;
const H = 150;
const PAD = { l: 44, r: 8, t: 10, b: 26 };

function Axis({ ticks, y, label }: { ticks: { v: number; at: number; text: string }[]; y: boolean; label: string }): ReactElement {
  return (
    <g className="axis" aria-hidden="true">
      {ticks.map((t) =>
        y ? (
          <g key={t.v}>
            <line x1={PAD.l} x2={W - PAD.r} y1={t.at} y2={t.at} className="grid" />
            <text x={PAD.l - 4} y={t.at + 3} textAnchor="end">
              {t.text}
            </text>
          </g>
        ) : (
          <text key={t.v} x={t.at} y={H - PAD.b + 12} textAnchor="middle">
            {t.text}
          </text>
        ),
      )}
      <text x={y ? 2 : W - PAD.r} y={y ? PAD.t - 1 : H - 2} textAnchor={y ? 'start' : 'end'} className="axis-label">
        {label}
      </text>
    </g>
  );
}

const SEGMENT_NAMES: Record<SegmentKind, string> = {
  'storage-copy': 'disk copy',
  'pre-copy': 'pre-copy',
  'stop-and-copy': 'stop-and-copy',
  resume: 'resume',
  'network-update': 'edge update',
};

/** Legend entries for the kinds present, left to right, wrapping to a second row (about 6 px per character). */
function legendItems(segs: TimelineSegment[]): { kind: SegmentKind; x: number; y: number }[] {
  const present = new Set(segs.filter((s) => s.seconds > 0 || s.kind === 'pre-copy' || s.kind === 'stop-and-copy').map((s) => s.kind));
  const order: SegmentKind[] = ['storage-copy', 'pre-copy', 'stop-and-copy', 'resume', 'network-update'];
  let x = PAD.l;
  let y = 58;
  return order
    .filter((k) => present.has(k))
    .map((kind) => {
      const width = 20 + SEGMENT_NAMES[kind].length * 6;
      if (x + width > W - PAD.r && x > PAD.l) {
        x = PAD.l;
        y += 12;
      }
      const item = { kind, x, y };
      x += width;
      return item;
    });
}

function MigrationCharts({ results }: { results: SimResults }): ReactElement | null {
  const ran = results.result.migrations.filter((m) => m.result && m.result.rounds.length > 0);
  const [pick, setPick] = useState(0);
  const m = ran[Math.min(pick, ran.length - 1)];
  if (!m) return <p className="sim-empty">No migration finished (none requested, or none could: see the migrations table).</p>;
  const r = m.result!;
  const segs = timelineSegments(r);
  const legend = legendItems(segs);
  const legendHeight = Math.max(...legend.map((l) => l.y)) + 12;
  const bytesMax = Math.max(...r.rounds.map((x) => x.sentBytes));
  const gib = 1024 ** 3;
  const yb = linearScale(bytesMax / gib, H - PAD.b, PAD.t, 4);
  const bw = (W - PAD.l - PAD.r) / r.rounds.length;
  const total = segs.reduce((s, x) => s + x.seconds, 0);
  const xt = linearScale(total, PAD.l, W - PAD.r, 5);
  const vmName = (id: string) => endLabel(results.design, { vm: id });
  return (
    <>
      <label className="sim-field inline">
        <span>Migration</span>
        <select value={Math.min(pick, ran.length - 1)} onChange={(e) => setPick(Number(e.target.value))}>
          {ran.map((x, i) => (
            <option key={x.vm} value={i}>
              {vmName(x.vm)}
            </option>
          ))}
        </select>
      </label>
      <figure className="sim-chart" data-testid="chart-rounds">
        <figcaption>Bytes per round ({r.rounds.length} rounds, {formatBytes(r.transferredBytes)} sent)</figcaption>
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Bytes sent per pre-copy round of ${vmName(m.vm)}`}>
          <Axis y label="GiB" ticks={yb.ticks.map((v) => ({ v, at: yb(v), text: String(v) }))} />
          {r.rounds.map((x, i) => (
            <rect key={i} className={x.stopAndCopy ? 'bar stop' : 'bar'} x={PAD.l + i * bw + 1} width={Math.max(1, bw - 2)} y={yb(x.sentBytes / gib)} height={Math.max(0, yb(0) - yb(x.sentBytes / gib))}>
              <title>{`round ${i}${x.stopAndCopy ? ' (stop-and-copy)' : ''}: ${formatBytes(x.sentBytes)} in ${formatSeconds(x.seconds)}`}</title>
            </rect>
          ))}
          <Axis y={false} label="round" ticks={r.rounds.map((_, i) => ({ v: i, at: PAD.l + (i + 0.5) * bw, text: r.rounds.length > 16 && i % 5 ? '' : String(i) }))} />
        </svg>
      </figure>
      <figure className="sim-chart" data-testid="chart-timeline">
        <figcaption>
          Timeline: {formatSeconds(r.totalSeconds)} total, {formatSeconds(r.downtimeSeconds)} downtime{r.converged ? '' : ' (not converged)'}
          {r.storageBytes ? `; disk copy ${formatBytes(r.storageBytes)} in ${formatSeconds(r.storageSeconds ?? 0)}` : ''}
          {r.networkUpdateSeconds ? `; edge update ${formatSeconds(r.networkUpdateSeconds)} (${m.edgeUpdate === 'vdp-associate' ? `VDP associate${r.vsiPreassociated === false ? ', VSI not pre-associated' : ''}, in downtime` : 'RARP'})` : ''}
        </figcaption>
        <svg viewBox={`0 0 ${W} ${legendHeight}`} role="img" aria-label={`Timeline of the migration of ${vmName(m.vm)}`}>
          {segs.map((s, i) => (
            <rect key={i} className={`seg ${s.kind}`} x={xt(s.start)} width={Math.max(s.seconds > 0 ? 1 : 0, xt(s.start + s.seconds) - xt(s.start))} y={12} height={24}>
              <title>{`${SEGMENT_NAMES[s.kind]}${s.data === 'disk' && s.kind === 'stop-and-copy' ? ' (disk blocks left over)' : ''}${s.round !== null ? ` round ${s.round}` : ''}: ${s.bytes ? `${formatBytes(s.bytes)} in ` : ''}${formatSeconds(s.seconds)}`}</title>
            </rect>
          ))}
          {xt.ticks.map((v) => (
            <text key={v} className="tick" x={xt(v)} y={50} textAnchor="middle">
              {v}s
            </text>
          ))}
          <g className="legend">
            {legend.map((item) => (
              <g key={item.kind}>
                <rect className={`seg ${item.kind}`} x={item.x} y={item.y} width={10} height={8} />
                <text x={item.x + 14} y={item.y + 8}>
                  {SEGMENT_NAMES[item.kind]}
                </text>
              </g>
            ))}
          </g>
        </svg>
      </figure>
      {m.rateSteps && m.rateSteps.length > 1 ? <RateSteps steps={m.rateSteps} name={vmName(m.vm)} /> : null}
    </>
  );
}

/** The stream's rate over time: piecewise constant, stepping when other streams end. */
function RateSteps({ steps, name }: { steps: RateStep[]; name: string }): ReactElement {
  const end = steps[steps.length - 1]!.t;
  const xt = linearScale(end, PAD.l, W - PAD.r, 5);
  const yr = linearScale(Math.max(...steps.map((s) => s.gbps)), H - PAD.b, PAD.t, 4);
  const points = rateStepPoints(steps).map(([t, g]) => `${xt(t)},${yr(g)}`).join(' ');
  return (
    <figure className="sim-chart" data-testid="chart-rate-steps">
      <figcaption>Stream rate: {rateStepsLabel(steps)} (re-allocated as other streams end)</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Rate of the migration stream of ${name} over time`}>
        <Axis y label="Gb/s" ticks={yr.ticks.map((v) => ({ v, at: yr(v), text: String(v) }))} />
        <polyline className="rate-steps" points={points} fill="none" stroke="currentColor" strokeWidth={1.5} />
        <Axis y={false} label="s" ticks={xt.ticks.map((v) => ({ v, at: xt(v), text: String(v) }))} />
      </svg>
    </figure>
  );
}

function UtilisationHistogram({ results }: { results: SimResults }): ReactElement {
  const bins = useMemo(() => utilisationHistogram(results.result.resources.filter((r) => r.kind !== 'vswitch-copy' && r.load > 0).map((r) => r.utilisation)), [results]);
  const yMax = Math.max(1, ...bins.map((b) => b.count));
  const y = linearScale(yMax, H - PAD.b, PAD.t, 4);
  const bw = (W - PAD.l - PAD.r) / bins.length;
  return (
    <figure className="sim-chart" data-testid="chart-histogram">
      <figcaption>Utilisation of busy link directions ({bins.reduce((s, b) => s + b.count, 0).toLocaleString()})</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Histogram of link utilisation">
        <Axis y label="links" ticks={y.ticks.filter((v) => Number.isInteger(v)).map((v) => ({ v, at: y(v), text: v.toLocaleString() }))} />
        {bins.map((b, i) => (
          <rect key={i} x={PAD.l + i * bw + 1} width={bw - 2} y={y(b.count)} height={y(0) - y(b.count)} fill={HEAT_BANDS[heatBand((b.from + b.to) / 2)]!.color}>
            <title>{`${Math.round(b.from * 100)}–${Math.round(b.to * 100)} %: ${b.count}`}</title>
          </rect>
        ))}
        <Axis y={false} label="utilisation %" ticks={bins.filter((_, i) => i % 2 === 0).map((b) => ({ v: b.from, at: PAD.l + b.from * (W - PAD.l - PAD.r), text: String(Math.round(b.from * 100)) }))} />
      </svg>
    </figure>
  );
}

/** Hosts shown in the vSwitch chart: the busiest ones. */
const CPU_HOSTS = 12;

function VswitchCpu({ results }: { results: SimResults }): ReactElement | null {
  const rows = results.result.vswitchCpu.filter((c) => c.gbps > 0).sort((a, b) => b.gbps - a.gbps).slice(0, CPU_HOSTS);
  if (rows.length === 0) return <p className="sim-empty">No traffic crossed a vSwitch memory copy.</p>;
  const max = Math.max(...rows.map((r) => Math.max(r.gbps, Number.isFinite(r.budget) ? r.budget : 0)));
  const x = linearScale(max, 110, W - PAD.r, 4);
  const rowH = 16;
  const h = rows.length * rowH + 24;
  return (
    <figure className="sim-chart" data-testid="chart-vswitch">
      <figcaption>vSwitch copy use per host (Gb/s of the copy budget)</figcaption>
      <svg viewBox={`0 0 ${W} ${h}`} role="img" aria-label="vSwitch copy use per host">
        {rows.map((r, i) => (
          <g key={r.host}>
            <text x={106} y={i * rowH + 12} textAnchor="end" className="tick">
              {(results.design.elements[r.host]?.name || r.host).slice(0, 18)}
            </text>
            {Number.isFinite(r.budget) ? <rect className="budget" x={x(0)} y={i * rowH + 3} width={x(r.budget) - x(0)} height={rowH - 6} /> : null}
            <rect className="bar" x={x(0)} y={i * rowH + 3} width={x(r.gbps) - x(0)} height={rowH - 6}>
              <title>{`${r.gbps.toFixed(2)} of ${r.budget} Gb/s`}</title>
            </rect>
          </g>
        ))}
        {x.ticks.map((v) => (
          <text key={v} className="tick" x={x(v)} y={h - 4} textAnchor="middle">
            {v}
          </text>
        ))}
      </svg>
    </figure>
  );
}

export function SimulationCharts({ results }: { results: SimResults }): ReactElement {
  return (
    <div className="sim-charts">
      <div>
        <MigrationCharts results={results} />
      </div>
      <div>
        <UtilisationHistogram results={results} />
        <VswitchCpu results={results} />
      </div>
    </div>
  );
}
