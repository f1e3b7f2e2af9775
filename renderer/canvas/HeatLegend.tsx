/**
 * The legend of the heatmap, over the canvas's corner: one swatch per band, and what they mean. With what-if
 * failures in the last run it explains the diff colours instead (slowed, lost/down, took over, unchanged).
 */
import type { ReactElement } from 'react';
import { HEAT_BANDS, HEAT_LEGEND_NOTE } from '../../shared/scene/heatmap';
import { DIFF_BANDS, DIFF_LEGEND_NOTE } from '../../shared/scene/heat-diff';
import { useSimState } from '../simulation/use-simulation';

export function HeatLegend({ stale }: { stale: boolean }): ReactElement {
  const whatIf = useSimState((s) => s.results?.whatIf ?? null);
  const failures = whatIf?.outcomes.length ?? 0;
  const bands = whatIf ? DIFF_BANDS : HEAT_BANDS;
  const title = whatIf ? `What-if: ${failures} ${failures === 1 ? 'failure' : 'failures'}` : 'Link utilisation';
  return (
    <div className={`heat-legend${stale ? ' stale' : ''}`} data-testid="heat-legend" data-mode={whatIf ? 'diff' : 'utilisation'} aria-label={whatIf ? 'What-if difference legend' : 'Link utilisation legend'}>
      <div className="heat-legend-bands">
        <strong>
          {title}
          {stale ? ' (stale)' : ''}
        </strong>
        {bands.map((b) => (
          <span key={b.label}>
            <span className="swatch" style={{ background: b.color }} />
            {b.label}
          </span>
        ))}
      </div>
      <div className="heat-legend-note" data-testid="heat-legend-note">
        {whatIf ? DIFF_LEGEND_NOTE : HEAT_LEGEND_NOTE} Select a link for its figures.
      </div>
    </div>
  );
}
