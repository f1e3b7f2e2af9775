/** While a slow open or import reads its file: a floating panel with Cancel (styled like the layout progress). */
import { useSyncExternalStore, type ReactElement } from 'react';
import { openProgressFor } from '../state/open-progress';
import { useAppStore } from '../state/use-store';

export function OpenProgress(): ReactElement | null {
  const progress = openProgressFor(useAppStore());
  const status = useSyncExternalStore(progress.subscribe, progress.getState);
  if (status.kind !== 'reading') return null;
  return (
    <div className="layout-progress" role="status" aria-label="Reading the file" data-testid="open-progress">
      <span className="text">{status.label}…</span>
      <progress aria-label="Reading the file" />
      <button type="button" className="btn" data-testid="open-cancel" onClick={() => progress.cancel()}>
        Cancel
      </button>
    </div>
  );
}
