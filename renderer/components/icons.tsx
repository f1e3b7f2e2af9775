/** Toolbar icons: 16×16 strokes in currentColor, so they follow the theme. */
import type { ReactElement } from 'react';

export type IconName = 'new' | 'open' | 'save' | 'saveAs' | 'import' | 'export' | 'undo' | 'redo' | 'delete' | 'zoomIn' | 'zoomOut' | 'zoomFit' | 'catalog' | 'simulate' | 'about' | 'palette' | 'keyboard';

const PATHS: Record<IconName, string[]> = {
  new: ['M4 1.5h5.5L13 5v9.5H4z', 'M9.5 1.5V5H13', 'M8.5 8v5M6 10.5h5'],
  open: ['M1.5 4.5v9h11l2-6.5H4.2l-1.7 6.5', 'M1.5 4.5V2.5h4l1.5 2h5.5v2.5'],
  save: ['M2 2h9.5L14 4.5V14H2z', 'M5 2v4h5.5V2', 'M4.5 14V9.5h7V14'],
  saveAs: ['M2 2h8.5L13 4.5v3', 'M2 2v12h5', 'M5 2v4h5V2', 'M9 14l1-3 4-4 2 2-4 4z'],
  import: ['M8 1.5v8', 'M4.5 6L8 9.5 11.5 6', 'M2 10.5v3.5h12v-3.5'],
  export: ['M8 10V2', 'M4.5 5.5L8 2l3.5 3.5', 'M2 10.5v3.5h12v-3.5'],
  undo: ['M5.5 3L2 6.5 5.5 10', 'M2.5 6.5h7a4 4 0 010 8H7'],
  redo: ['M10.5 3L14 6.5 10.5 10', 'M13.5 6.5h-7a4 4 0 000 8H9'],
  delete: ['M2.5 4h11', 'M6 4V2h4v2', 'M4 4l.8 10h6.4L12 4', 'M6.8 6.5v5M9.2 6.5v5'],
  zoomIn: ['M7 2a5 5 0 100 10A5 5 0 007 2z', 'M10.6 10.6L14.5 14.5', 'M7 4.8v4.4M4.8 7h4.4'],
  zoomOut: ['M7 2a5 5 0 100 10A5 5 0 007 2z', 'M10.6 10.6L14.5 14.5', 'M4.8 7h4.4'],
  zoomFit: ['M1.5 5.5v-4h4', 'M10.5 1.5h4v4', 'M14.5 10.5v4h-4', 'M5.5 14.5h-4v-4', 'M5 5h6v6H5z'],
  // A card with a PCIe edge connector: the catalog's parts.
  catalog: ['M1.5 3.5h13v7h-13z', 'M4 10.5v2h5v-2', 'M4 6h3M9 6h3.5M4 8h8.5'],
  // A traffic trace over a baseline: run the simulator.
  simulate: ['M1.5 14.5h13', 'M1.5 11l3-5 3 3.5 3-7 3.5 6'],
  about: ['M8 1.5a6.5 6.5 0 100 13 6.5 6.5 0 000-13z', 'M8 7v4.5', 'M8 4.5v.5'],
  // A prompt: type a command.
  palette: ['M2 3.5l4.5 4.5L2 12.5', 'M8.5 12.5H14'],
  keyboard: ['M1.5 4h13v8.5h-13z', 'M4 6.5h1M7.5 6.5h1M11 6.5h1', 'M4.5 10h7'],
};

export function Icon({ name }: { name: IconName }): ReactElement {
  return (
    <svg viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.3} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
