/**
 * The link inspector's "Load" section: what the last simulation run put on a PCIe or Ethernet link, per
 * direction, in the heat colour the canvas draws it in. Stale or missing results are said in one line rather
 * than shown, since figures from another design would describe links that may no longer exist as they were.
 */
import { useMemo, type ReactElement } from 'react';
import type { Design } from '../../shared/model/design';
import type { Link } from '../../shared/model/links';
import { HEAT_BANDS } from '../../shared/scene/heatmap';
import { isStale } from '../simulation/controller';
import { formatRate, formatShare } from '../simulation/results-model';
import { useSimState } from '../simulation/use-simulation';
import { linkLoad, linkWhatIfNote, type DirectionLoad } from './link-load';

function Direction({ dir }: { dir: DirectionLoad }): ReactElement {
  const band = HEAT_BANDS[dir.band]!;
  const bounded = Number.isFinite(dir.capacity);
  return (
    <div className="link-load-dir" data-testid="link-load-dir" data-resource={dir.id} data-band={dir.band}>
      <div className="link-load-title" title={dir.label}>
        <span className="swatch" style={{ background: band.color }} />
        {dir.label}
      </div>
      <dl>
        <dt>Load</dt>
        <dd data-testid="link-load-load">{formatRate(dir.load)} Gb/s</dd>
        <dt>Capacity</dt>
        <dd data-testid="link-load-capacity">{bounded ? `${formatRate(dir.capacity)} Gb/s` : 'not stated (PCIe generation or width unknown)'}</dd>
        <dt>Utilisation</dt>
        <dd data-testid="link-load-utilisation">{bounded ? `${formatShare(dir.utilisation)} · ${band.label === 'idle' ? 'idle' : `${band.label} band`}` : '—'}</dd>
        <dt title="The flows with the highest rates on this direction at the start of the run">Top flows</dt>
        <dd>
          {dir.flows === 0 ? (
            'none'
          ) : (
            <ul className="link-load-flows" aria-label={`Top flows ${dir.label}`}>
              {dir.top.map((f) => (
                <li key={f.id} title={f.name}>
                  <span className="rate">{formatRate(f.rate)}</span> {f.name}
                </li>
              ))}
              {dir.flows > dir.top.length ? <li className="more">and {dir.flows - dir.top.length} more</li> : null}
            </ul>
          )}
        </dd>
      </dl>
    </div>
  );
}

export function LinkLoadSection({ link, design }: { link: Link; design: Design }): ReactElement {
  const results = useSimState((s) => s.results);
  const stale = useSimState((s) => isStale(s, design));
  const rows = useMemo(() => (results && !stale ? linkLoad(results.design, link, results.scenario, results.result) : null), [results, stale, link]);
  const whatIf = results && !stale ? linkWhatIfNote(link.id, results.whatIf) : null;
  let body: ReactElement | ReactElement[];
  if (!results) body = <p className="hint">No simulation results: run a simulation to see this link’s load.</p>;
  else if (stale) body = <p className="hint">The design changed after the last run: run the simulation again to see this link’s load.</p>;
  else if (whatIf?.change === 'down') body = [];
  else if (!rows) body = <p className="hint">The last run did not model this link (a port speed or PCIe width it needs is unknown).</p>;
  else body = rows.map((r) => <Direction key={r.id} dir={r} />);
  return (
    <section className="link-load" data-testid="link-load">
      <h3 title="Peak load over the last simulation run; flow rates are at its start">Load</h3>
      {whatIf ? (
        <p className="hint" data-testid="link-load-whatif" data-change={whatIf.change}>
          {whatIf.text}
        </p>
      ) : null}
      {body}
    </section>
  );
}
