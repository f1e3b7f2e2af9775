/** The shell: toolbar, then palette above outline | canvas | inspector (or the start screen), status bar, dialogs. */
import type { ReactElement } from 'react';
import type { RecentProject } from '../../shared/ipc/contract';
import { CanvasView } from '../canvas/CanvasView';
import { DialogHost } from '../dialogs/DialogHost';
import { Inspector } from '../panels/Inspector';
import { Outline } from '../panels/Outline';
import { Palette } from '../palette/Palette';
import { ProblemsPanel } from '../panels/ProblemsPanel';
import { SimulationPanel } from '../panels/SimulationPanel';
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

export function App({ recent }: { recent: () => Promise<RecentProject[] | null> }): ReactElement {
  const hasDoc = useStoreState((s) => s.doc !== null);
  const problemsOpen = useStoreState((s) => s.problemsOpen);
  const overlay = useOverlay();
  return (
    <div className="app">
      <Toolbar />
      {hasDoc ? (
        <div className="workspace">
          <div className="left-column">
            <Palette />
            <Outline />
          </div>
          <div className="center-column">
            <CanvasView />
            <SimulationPanel />
            {problemsOpen ? <ProblemsPanel /> : null}
          </div>
          <Inspector />
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
