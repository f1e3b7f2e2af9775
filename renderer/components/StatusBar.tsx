/** The status bar: file name and dirty marker, element counts, zoom, and the last message. */
import { useMemo, type ReactElement } from 'react';
import { statsOf } from '../state/design-stats';
import { displayName } from '../state/session';
import { useStoreState } from '../state/use-store';
import { countsLine } from './kind-names';
import { ProblemsSummary } from '../panels/ProblemsSummary';

export function StatusBar(): ReactElement {
  const doc = useStoreState((s) => s.doc);
  const scale = useStoreState((s) => s.viewport.scale);
  const message = useStoreState((s) => s.message);
  const design = doc?.design;
  const counts = useMemo(() => {
    if (!design) return null;
    const { byKind, links } = statsOf(design);
    return `${countsLine(byKind)} · ${links.toLocaleString('en-US')} link${links === 1 ? '' : 's'}`;
  }, [design]);
  return (
    <footer className="statusbar" aria-label="Status">
      {doc ? (
        <>
          <span className="file" data-testid="status-file" title={doc.path ?? 'Not saved yet'}>
            {displayName(doc)}
          </span>
          {doc.dirty ? (
            <span className="dirty" data-testid="status-dirty" title="Unsaved changes">
              ● Edited
            </span>
          ) : null}
          <span className="counts" data-testid="status-counts">
            {counts}
          </span>
          <span data-testid="status-zoom">{Math.round(scale * 100)}%</span>
          <ProblemsSummary />
        </>
      ) : (
        <span>No design open</span>
      )}
      <span className={`message ${message?.tone ?? ''}`} role="status" aria-live="polite" data-testid="status-message">
        {message?.text ?? ''}
      </span>
    </footer>
  );
}
