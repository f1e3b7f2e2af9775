/** The shell: toolbar, then outline | canvas | inspector (or the start screen), status bar, dialogs. */
import type { ReactElement } from 'react';
import { CanvasView } from '../canvas/CanvasView';
import { DialogHost } from '../dialogs/DialogHost';
import { Inspector } from '../panels/Inspector';
import { Outline } from '../panels/Outline';
import { useStoreState } from '../state/use-store';
import { StartScreen } from './StartScreen';
import { StatusBar } from './StatusBar';
import { Toasts } from './Toasts';
import { Toolbar } from './Toolbar';

export function App({ recent }: { recent: () => Promise<string[] | null> }): ReactElement {
  const hasDoc = useStoreState((s) => s.doc !== null);
  return (
    <div className="app">
      <Toolbar />
      {hasDoc ? (
        <div className="workspace">
          <Outline />
          <CanvasView />
          <Inspector />
        </div>
      ) : (
        <StartScreen recent={recent} />
      )}
      <StatusBar />
      <DialogHost />
      <Toasts />
    </div>
  );
}
