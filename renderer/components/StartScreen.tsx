/** Shown when no design is open: start a new one, open a file, or pick a recent one. */
import { useEffect, useState, type ReactElement } from 'react';
import type { RecentProject } from '../../shared/ipc/contract';
import { useActions } from '../actions/context';
import { useSession } from '../state/session-context';
import { useStoreState } from '../state/use-store';

export function StartScreen({ recent }: { recent: () => Promise<RecentProject[] | null> }): ReactElement {
  const actions = useActions();
  const session = useSession();
  const busy = useStoreState((s) => s.busy);
  // Each entry shows its path; opening it sends main the token main gave with it.
  const [paths, setPaths] = useState<RecentProject[]>([]);
  useEffect(() => {
    let live = true;
    void recent().then((list) => live && list && setPaths(list));
    return () => {
      live = false;
    };
  }, [recent]);
  return (
    <main className="start" data-testid="start-screen">
      <h1>Rackplane</h1>
      <p>Design virtualized server I/O: PCIe trees, SR-IOV NICs, virtual switches and edge virtual bridging.</p>
      <p className="start-hint">
        Start from a template (New Design… offers racks, fabrics and an empty design), or build by hand: drag servers,
        switches and NICs from the palette onto the canvas.
      </p>
      <div className="actions">
        <button type="button" className="btn primary" disabled={busy} onClick={() => void actions.perform('file.new', 'ui')}>
          New Design…
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => void actions.perform('file.open', 'ui')}>
          Open…
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => void actions.perform('file.importJson', 'ui')}>
          Import Topology JSON…
        </button>
      </div>
      {paths.length ? (
        <section aria-label="Recent designs">
          <p>Recent</p>
          <ul className="recent">
            {paths.map(({ path, token }) => (
              <li key={path}>
                <button type="button" title={path} disabled={busy} onClick={() => void session.openPath(token)}>
                  {path}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
