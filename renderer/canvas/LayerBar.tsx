/**
 * The canvas's view switcher, top right (where map apps keep their layer control): the PCIe, Ethernet and
 * Virtual layers and the straight-links choice as toggle buttons. Each runs the same registered action as the
 * View menu and the shortcut (renderer/actions/view-layers.ts), so all three stay one code path.
 */
import { useContext, type ReactElement } from 'react';
import { ActionsContext } from '../actions/context';
import { LAYER_ACTIONS } from '../actions/view-layers';
import type { ActionName } from '../actions/types';
import { useStoreState } from '../state/use-store';
import { useViewPrefs } from './view-prefs';

export function LayerBar(): ReactElement | null {
  const actions = useContext(ActionsContext);
  const prefs = useViewPrefs();
  const state = useStoreState((s) => s);
  // Without a registry (the canvas benchmark mounts the canvas alone) there is nothing to dispatch to.
  if (!actions) return null;
  const toggle = (name: ActionName, title: string, pressed: boolean) => (
    <button
      key={name}
      type="button"
      className="layer-toggle"
      data-action={name}
      aria-pressed={pressed}
      title={actions.tooltip(name, state)}
      disabled={!actions.isEnabled(name, state)}
      onClick={() => void actions.perform(name, 'toolbar')}
    >
      {title}
    </button>
  );
  return (
    <div
      className="layer-bar"
      role="toolbar"
      aria-label="Layers and link routing"
      data-testid="layer-bar"
      // The canvas underneath must not see these presses (they would start a rubber band or a pan).
      onPointerDown={(e) => e.stopPropagation()}
      onContextMenu={(e) => e.stopPropagation()}
    >
      {LAYER_ACTIONS.map((a) => toggle(a.name, a.title, prefs.layers.has(a.layer)))}
      <span className="layer-bar-sep" aria-hidden="true" />
      {toggle('view.straightLinks', 'Straight', prefs.routing === 'straight')}
    </div>
  );
}
