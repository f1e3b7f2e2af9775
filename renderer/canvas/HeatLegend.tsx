/** The legend of the utilisation heatmap, over the canvas's corner: one swatch per band, and what they mean. */
import type { ReactElement } from 'react';
import { HEAT_BANDS, HEAT_LEGEND_NOTE } from '../../shared/scene/heatmap';

export function HeatLegend({ stale }: { stale: boolean }): ReactElement {
  return (
    <div className={`heat-legend${stale ? ' stale' : ''}`} data-testid="heat-legend" aria-label="Link utilisation legend">
      <div className="heat-legend-bands">
        <strong>Link utilisation{stale ? ' (stale)' : ''}</strong>
        {HEAT_BANDS.map((b) => (
          <span key={b.label}>
            <span className="swatch" style={{ background: b.color }} />
            {b.label}
          </span>
        ))}
      </div>
      <div className="heat-legend-note" data-testid="heat-legend-note">
        {HEAT_LEGEND_NOTE} Select a link for its figures.
      </div>
    </div>
  );
}
