/**
 * The shell: toolbar, then palette above outline | canvas | inspector (or the start screen), status bar, dialogs.
 * Splitters between the columns, above the panels docked under the canvas and under the palette, resize them; the sizes are the
 * window's remembered layout (./panel-layout.ts), applied as CSS variables that the stylesheet sizes panels by.
 */
import { useRef, type CSSProperties, type ReactElement } from 'react';
import type { RecentProject } from '../../shared/ipc/contract';
import { CanvasView } from '../canvas/CanvasView';
import { DialogHost } from '../dialogs/DialogHost';
import { Inspector } from '../panels/Inspector';
import { Outline } from '../panels/Outline';
import { Palette } from '../palette/Palette';
import { ProblemsPanel } from '../panels/ProblemsPanel';
import { SimulationPanel } from '../panels/SimulationPanel';
import { useSimState } from '../simulation/use-simulation';
import { useStoreState } from '../state/use-store';
import { StartScreen } from './StartScreen';
import { StatusBar } from './StatusBar';
import { Toasts } from './Toasts';
import { LayoutProgress } from '../layout/LayoutProgress';
import { OpenProgress } from './OpenProgress';
import { Toolbar } from './Toolbar';
import { useOverlay } from '../actions/overlays';
import { CanvasContextMenu } from './CanvasContextMenu';
import { CommandPalette } from './CommandPalette';
import { panelLayout, usePanelLayout } from './panel-layout';
import { Splitter } from './Splitter';

export function App({ recent }: { recent: () => Promise<RecentProject[] | null> }): ReactElement {
  const hasDoc = useStoreState((s) => s.doc !== null);
  const problemsOpen = useStoreState((s) => s.problemsOpen);
  const simOpen = useSimState((s) => s.panelOpen);
  const overlay = useOverlay();
  usePanelLayout();
  const layout = panelLayout();
  const workspace = useRef<HTMLDivElement>(null);
  const centre = useRef<HTMLDivElement>(null);
  const dock = useRef<HTMLDivElement>(null);
  const find = (root: HTMLElement | null, selector: string) => root?.querySelector<HTMLElement>(selector) ?? null;
  const width = (el: HTMLElement | null) => el?.getBoundingClientRect().width ?? 0;
  const height = (el: HTMLElement | null) => el?.getBoundingClientRect().height ?? 0;
  const vars = {
    '--left-w': `${layout.sizeOf('left')}px`,
    '--right-w': `${layout.sizeOf('right')}px`,
    '--sim-h': `${layout.sizeOf('simulation')}px`,
    '--problems-h': `${layout.sizeOf('problems')}px`,
    '--palette-h': `${layout.sizeOf('palette')}px`,
  } as CSSProperties;
  return (
    <div className="app" style={vars}>
      <Toolbar />
      {hasDoc ? (
        <div className="workspace" ref={workspace}>
          <div className="left-column">
            <Palette />
            <Outline />
          </div>
          <Splitter
            panel="left"
            axis="x"
            grow={1}
            label="Width of the palette and outline"
            target={() => find(workspace.current, '.left-column')}
            available={() => width(workspace.current) - width(find(workspace.current, '.workspace > .panel.right'))}
          />
          <div className="center-column" ref={centre}>
            <CanvasView />
            {problemsOpen ? (
              <Splitter
                panel="problems"
                axis="y"
                grow={-1}
                label="Height of the problems panel"
                target={() => find(centre.current, '.problems-panel')}
                available={() => height(centre.current)}
              />
            ) : null}
            {problemsOpen ? <ProblemsPanel /> : null}
          </div>
          <Splitter
            panel="right"
            axis="x"
            grow={-1}
            label="Width of the inspector"
            target={() => find(workspace.current, '.workspace > .panel.right')}
            available={() => width(workspace.current) - width(find(workspace.current, '.left-column'))}
          />
          <Inspector />
          {/* Docked under the canvas, and under the inspector too in a narrow window (app.css), so its forms and
              tables keep a usable width at 1024 px. */}
          <div className={`sim-dock${simOpen ? ' open' : ''}`} ref={dock}>
            {simOpen ? (
              <Splitter
                panel="simulation"
                axis="y"
                grow={-1}
                label="Height of the simulation panel"
                target={() => find(dock.current, '.sim-panel')}
                available={() => height(workspace.current)}
              />
            ) : null}
            <SimulationPanel />
          </div>
        </div>
      ) : (
        <StartScreen recent={recent} />
      )}
      <StatusBar />
      <DialogHost />
      <Toasts />
      <LayoutProgress />
      <OpenProgress />
      {overlay?.type === 'palette' ? <CommandPalette key={overlay.mode} mode={overlay.mode} /> : null}
      {overlay?.type === 'contextMenu' && hasDoc ? <CanvasContextMenu x={overlay.x} y={overlay.y} /> : null}
    </div>
  );
}
