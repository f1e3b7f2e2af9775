/**
 * The typed messages between the app and the layout worker. Every response names the request it answers,
 * so a late answer to a cancelled run is recognised and ignored. Results cross as plain arrays (Maps do
 * survive structured clone, but arrays keep the message shape obvious); errors as one-line strings.
 */
import type { Design } from '../../shared/model/design';
import type { ArrangeResult } from '../../shared/layout';

export type LayoutRequest = { type: 'run'; id: number; design: Design; selection: string[] | null };

/** An ArrangeResult in transferable form. */
export interface WireArrangement {
  tops: string[];
  positions: [string, { x: number; y: number }][];
  interiors: [string, { width: number; height: number; positions: [string, { x: number; y: number }][] }][];
  elkRuns: number;
}

export type LayoutResponse =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; arrangement: WireArrangement; seconds: number }
  | { type: 'error'; id: number; message: string };

export function toWire(r: ArrangeResult): WireArrangement {
  return {
    tops: r.tops,
    positions: [...r.positions],
    interiors: [...r.interiors].map(([id, i]) => [id, { width: i.width, height: i.height, positions: [...i.positions] }]),
    elkRuns: r.elkRuns,
  };
}

export function fromWire(w: WireArrangement): ArrangeResult {
  return {
    tops: w.tops,
    positions: new Map(w.positions),
    interiors: new Map(w.interiors.map(([id, i]) => [id, { width: i.width, height: i.height, positions: new Map(i.positions) }])),
    elkRuns: w.elkRuns,
  };
}
