/**
 * A Context2D in front of @napi-rs/canvas's context that passes on only the state changes that change something.
 * The scene painter sets the fill, stroke, width and dash before every shape; each of those is a native call that
 * parses a CSS colour or copies an array, and a 2,000-host fabric paints some 150,000 shapes in a handful of
 * styles. Setting a property to the value it already holds is a no-op on a canvas, so skipping it leaves every
 * pixel as it was. save() and restore() keep the remembered state in step with the canvas's own stack.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Context2D, TextAlign, TextBaseline } from '../../shared/scene/paint-context';

/** What the wrapper remembers: the context's own style properties, and the dash the canvas keeps behind a method. */
type State = Pick<Context2D, 'fillStyle' | 'strokeStyle' | 'lineWidth' | 'globalAlpha' | 'font' | 'textAlign' | 'textBaseline'> & { dash: readonly number[] };

const sameDash = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export class StateSkippingContext implements Context2D {
  private state: State;
  private readonly stack: State[] = [];

  constructor(private readonly ctx: SKRSContext2D) {
    this.state = {
      fillStyle: ctx.fillStyle as string | object,
      strokeStyle: ctx.strokeStyle as string | object,
      lineWidth: ctx.lineWidth,
      globalAlpha: ctx.globalAlpha,
      font: ctx.font,
      textAlign: ctx.textAlign as TextAlign,
      textBaseline: ctx.textBaseline as TextBaseline,
      dash: ctx.getLineDash(),
    };
  }

  get fillStyle(): string | object {
    return this.state.fillStyle;
  }
  set fillStyle(v: string | object) {
    if (v === this.state.fillStyle) return;
    (this.ctx as { fillStyle: unknown }).fillStyle = v;
    this.state.fillStyle = v;
  }
  get strokeStyle(): string | object {
    return this.state.strokeStyle;
  }
  set strokeStyle(v: string | object) {
    if (v === this.state.strokeStyle) return;
    (this.ctx as { strokeStyle: unknown }).strokeStyle = v;
    this.state.strokeStyle = v;
  }
  get lineWidth(): number {
    return this.state.lineWidth;
  }
  set lineWidth(v: number) {
    if (v === this.state.lineWidth) return;
    this.ctx.lineWidth = v;
    // The canvas ignores widths that are not positive and finite; what it holds is what counts next time.
    this.state.lineWidth = this.ctx.lineWidth;
  }
  get globalAlpha(): number {
    return this.state.globalAlpha;
  }
  set globalAlpha(v: number) {
    if (v === this.state.globalAlpha) return;
    this.ctx.globalAlpha = v;
    this.state.globalAlpha = this.ctx.globalAlpha;
  }
  get font(): string {
    return this.state.font;
  }
  set font(v: string) {
    if (v === this.state.font) return;
    this.ctx.font = v;
    this.state.font = v;
  }
  get textAlign(): TextAlign {
    return this.state.textAlign;
  }
  set textAlign(v: TextAlign) {
    if (v === this.state.textAlign) return;
    this.ctx.textAlign = v;
    this.state.textAlign = v;
  }
  get textBaseline(): TextBaseline {
    return this.state.textBaseline;
  }
  set textBaseline(v: TextBaseline) {
    if (v === this.state.textBaseline) return;
    this.ctx.textBaseline = v;
    this.state.textBaseline = v;
  }
  setLineDash(segments: number[]): void {
    if (sameDash(segments, this.state.dash)) return;
    this.ctx.setLineDash(segments);
    this.state.dash = [...segments];
  }

  save(): void {
    this.ctx.save();
    this.stack.push({ ...this.state });
  }
  restore(): void {
    this.ctx.restore();
    const prev = this.stack.pop();
    if (prev) this.state = prev;
  }

  beginPath(): void {
    this.ctx.beginPath();
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.ctx.rect(x, y, w, h);
  }
  roundRect(x: number, y: number, w: number, h: number, radius: number): void {
    this.ctx.roundRect(x, y, w, h, radius);
  }
  moveTo(x: number, y: number): void {
    this.ctx.moveTo(x, y);
  }
  lineTo(x: number, y: number): void {
    this.ctx.lineTo(x, y);
  }
  fill(): void {
    this.ctx.fill();
  }
  stroke(): void {
    this.ctx.stroke();
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    this.ctx.fillRect(x, y, w, h);
  }
  fillText(text: string, x: number, y: number): void {
    this.ctx.fillText(text, x, y);
  }
  measureText(text: string): { readonly width: number } {
    return this.ctx.measureText(text);
  }
  translate(x: number, y: number): void {
    this.ctx.translate(x, y);
  }
  scale(x: number, y: number): void {
    this.ctx.scale(x, y);
  }
}
