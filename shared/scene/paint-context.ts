/**
 * The part of a 2D canvas context the scene painter uses, declared structurally so shared/ needs no DOM types:
 * the browser's CanvasRenderingContext2D (Konva), @napi-rs/canvas's context (PNG export) and the pdfkit adapter
 * (PDF export) all satisfy it, which is what lets the screen and every export share one painter.
 */

export type TextAlign = 'left' | 'center' | 'right' | 'start' | 'end';
export type TextBaseline = 'top' | 'hanging' | 'middle' | 'alphabetic' | 'ideographic' | 'bottom';

export interface Context2D {
  /** A CSS colour when the painter sets it; contexts may also hold gradients or patterns (objects). */
  fillStyle: string | object;
  strokeStyle: string | object;
  lineWidth: number;
  globalAlpha: number;
  /** A CSS font shorthand, e.g. "600 11px sans-serif". */
  font: string;
  textAlign: TextAlign;
  textBaseline: TextBaseline;
  beginPath(): void;
  rect(x: number, y: number, w: number, h: number): void;
  /** Optional: older canvases lack it, and the painter falls back to rect. */
  roundRect?(x: number, y: number, w: number, h: number, radius: number): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  fill(): void;
  stroke(): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { readonly width: number };
  setLineDash(segments: number[]): void;
  save(): void;
  restore(): void;
  translate(x: number, y: number): void;
  scale(x: number, y: number): void;
}
