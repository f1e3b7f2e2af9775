/** Errors also appear as a toast: the status bar is easy to miss when an action fails. */
import { useEffect, useState, type ReactElement } from 'react';
import { useStoreState } from '../state/use-store';

/** Long enough to read a one-line reason twice; the status bar keeps it afterwards. */
const TOAST_MS = 9000;

export function Toasts(): ReactElement | null {
  const message = useStoreState((s) => s.message);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const error = message?.tone === 'error' && message.id !== dismissed ? message : null;
  useEffect(() => {
    if (!error) return;
    const t = window.setTimeout(() => setDismissed(error.id), TOAST_MS);
    return () => window.clearTimeout(t);
  }, [error]);
  if (!error) return null;
  return (
    <div className="toasts">
      <div className="toast" role="alert" data-testid="toast-error">
        <span className="text">{error.text}</span>
        <button type="button" aria-label="Dismiss" onClick={() => setDismissed(error.id)}>
          ×
        </button>
      </div>
    </div>
  );
}
