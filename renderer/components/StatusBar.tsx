/** The status bar: file name and dirty marker, element counts, zoom, and the last message. */
import { useEffect, useMemo, type ReactElement } from 'react';
import { statsOf } from '../state/design-stats';
import { displayName } from '../state/session';
import { useAppStore, useStoreState } from '../state/use-store';
import { countsLine } from './kind-names';
import { ProblemsSummary } from '../panels/ProblemsSummary';

/**
 * How long a message stays: long enough to read it, short enough that an old line is not taken for news about a
 * later action. A refusal stays as long as its toast (Toasts.tsx) and a little more, since the toast can be missed.
 */
export const MESSAGE_MS = { info: 8000, success: 8000, error: 12000 } as const;

export function StatusBar(): ReactElement {
  const store = useAppStore();
  const doc = useStoreState((s) => s.doc);
  const scale = useStoreState((s) => s.viewport.scale);
  const message = useStoreState((s) => s.message);
  useEffect(() => {
    if (!message) return;
    const t = window.setTimeout(() => store.dismissMessage(message.id), MESSAGE_MS[message.tone]);
    return () => window.clearTimeout(t);
  }, [message, store]);
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
