/** The problem counts in the status bar; clicking them shows or hides the problems panel. */
import type { ReactElement } from 'react';
import { useActions } from '../actions/context';
import { useStoreState } from '../state/use-store';
import { SEVERITIES, SEVERITY_GLYPH, summaryLine } from '../validation/problems-model';

export function ProblemsSummary(): ReactElement {
  const actions = useActions();
  const v = useStoreState((s) => s.validation);
  const tooltip = useStoreState((s) => actions.tooltip('view.problems', s));
  const state = v.stopped ? 'stopped' : v.pending ? 'pending' : 'ready';
  return (
    <button
      type="button"
      className={`status-problems ${state}`}
      data-testid="status-problems"
      data-state={state}
      data-errors={v.summary.error}
      data-warnings={v.summary.warning}
      data-infos={v.summary.info}
      aria-label={`${summaryLine(v.summary)}${v.pending ? ' (checking)' : ''}. ${tooltip}`}
      title={v.stopped ? `Validation stopped: ${v.stopped}` : tooltip}
      onClick={() => void actions.perform('view.problems', 'ui')}
    >
      {SEVERITIES.map((s) => (
        <span key={s} className={`count ${s}${v.summary[s] ? '' : ' zero'}`}>
          <span className={`sev-icon ${s}`}>{SEVERITY_GLYPH[s]}</span>
          {v.summary[s]}
        </span>
      ))}
    </button>
  );
}
