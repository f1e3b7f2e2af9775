/** While a layout runs: a floating panel with its progress and Cancel (the canvas and panels stay usable). */
import { useSyncExternalStore, type ReactElement } from 'react';
import { useAppStore } from '../state/use-store';
import { layoutFor } from './controller';

export function LayoutProgress(): ReactElement | null {
  const layout = layoutFor(useAppStore());
  const status = useSyncExternalStore(layout.subscribe, layout.getState);
  if (status.kind !== 'running') return null;
  // Steps are servers, then racks, then the top level; identical ones are quick (laid out once).
  const detail = status.total > 1 ? `step ${Math.min(status.done + 1, status.total)} of ${status.total}` : '';
  // The panel is centred, so a counter that grows a digit would move Cancel under the user's pointer: reserve the
  // widest the counter gets ("step 2051 of 2051") and use tabular digits so every step is the same width.
  const widest = status.total > 1 ? `step ${status.total} of ${status.total}`.length : 0;
  return (
    <div className="layout-progress" role="status" aria-label="Automatic layout" data-testid="layout-progress">
      <span className="text">
        {status.label}… <span className="detail" style={{ minWidth: `${widest}ch` }}>
          {detail}
        </span>
      </span>
      <progress max={status.total} value={status.done} aria-label="Layout progress" />
      <button type="button" className="btn" data-testid="layout-cancel" onClick={() => layout.cancel()}>
        Cancel
      </button>
    </div>
  );
}
