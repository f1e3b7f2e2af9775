/**
 * A Context2D (shared/scene/paint-context.ts) that draws into a pdfkit document, so the PDF export paints the
 * diagram with the canvas's own painter: paths become PDF paths, labels real text (selectable, searchable).
 *
 * Speed: a 2,000-host fabric is some 250,000 painting calls. pdfkit turns every operator it writes into its own
 * byte array, and its text layout kerns and measures each string several times; both spent seconds, mostly in the
 * garbage collector. So this adapter writes the content-stream operators itself into a string, handed to pdfkit
 * (addContent) in large pieces, and sets Helvetica labels as plain Tj strings (WinAnsi hex, no kerning, measured
 * with the same unkerned widths). Labels Helvetica cannot encode go through pdfkit's text() with DejaVu Sans.
 *
 * Canvas and PDF differ in how paths live: a canvas path survives fill() and is stroked again by stroke(), while a
 * PDF path is consumed by its painting operator. The path is therefore recorded and written when painted; a fill
 * directly followed by a stroke of the same path becomes one "B" (fill and stroke) operator, the commonest case in
 * a diagram (every box). Colours, widths and dashes are written only when they change.
 */
import type { Context2D, TextAlign, TextBaseline } from '../../shared/scene/paint-context';
import { isWinAnsi, winAnsiHex, type PdfFonts } from './pdf-fonts';

/** Alphabetic baseline below the top of the text box, in em (as the SVG export places it). */
const ASCENT = 0.82;
const BASELINE_SHIFT: Readonly<Record<TextBaseline, number>> = { top: ASCENT, hanging: ASCENT, middle: ASCENT - 0.5, alphabetic: 0, ideographic: -0.18, bottom: -0.18 };
/** Bezier handle length for a quarter circle, as a fraction of the radius. */
const KAPPA = 0.5522847498;
/** Content handed to pdfkit once this long (characters). */
const FLUSH_AT = 1 << 20;

// Path records: an op code then its numbers.
const MOVE = 0;
const LINE = 1;
const RECT = 2;

interface Rgba {
  rgb: string;
  alpha: number;
}

const parsed = new Map<string, Rgba>();
const unit = (v: number) => String(Math.round((v / 255) * 1000) / 1000);

/** A CSS colour (#rgb, #rrggbb, rgb(), rgba()) as PDF colour operands and an alpha; anything else is black. */
export function parseColor(css: string): Rgba {
  const hit = parsed.get(css);
  if (hit) return hit;
  let rgb = [0, 0, 0];
  let alpha = 1;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(css.trim());
  const fn = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(css.trim());
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
    rgb = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  } else if (fn) {
    rgb = [Number(fn[1]), Number(fn[2]), Number(fn[3])];
    alpha = fn[4] === undefined ? 1 : Number(fn[4]);
  }
  const out = { rgb: rgb.map(unit).join(' '), alpha };
  parsed.set(css, out);
  return out;
}

/** A number as a PDF operand: two decimals (a hundredth of a diagram unit), never exponent notation. */
const n = (v: number) => String(Math.round(v * 100) / 100);

/** A transform operand: six decimals, never exponent notation (a fitted fabric is drawn at ~0.02 pt per unit). */
const precise = (v: number) => String(Number(v.toFixed(6)));

/** Size in px and weight of a CSS font shorthand such as "600 11px sans-serif". */
function fontOf(css: string): { size: number; bold: boolean } {
  const size = /([\d.]+)px/.exec(css);
  return { size: size ? Number(size[1]) : 10, bold: /^\s*(?:bold|[6-9]00)\b/.test(css) };
}

interface Written {
  fill: string;
  fillAlpha: number;
  stroke: string;
  strokeAlpha: number;
  width: number;
  dash: string;
}

interface Saved {
  fillStyle: string | object;
  strokeStyle: string | object;
  lineWidth: number;
  globalAlpha: number;
  font: string;
  textAlign: TextAlign;
  textBaseline: TextBaseline;
  dash: number[];
  written: Written;
}

const colour = (style: string | object) => (typeof style === 'string' ? style : '#000000');
const UNKNOWN: Written = { fill: '', fillAlpha: 1, stroke: '', strokeAlpha: 1, width: NaN, dash: '' };

export class PdfContext implements Context2D {
  fillStyle: string | object = '#000000';
  strokeStyle: string | object = '#000000';
  lineWidth = 1;
  globalAlpha = 1;
  font = '10px sans-serif';
  textAlign: TextAlign = 'start';
  textBaseline: TextBaseline = 'alphabetic';
  private dash: number[] = [];
  private path: number[] = [];
  /** A fill was asked for and not yet written: a stroke of the same path may still join it. */
  private pendingFill = false;
  private written: Written = { ...UNKNOWN };
  private readonly stack: Saved[] = [];
  private out = '';

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: PdfFonts,
  ) {}

  beginPath(): void {
    this.flushFill();
    this.path = [];
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.flushFill();
    this.path.push(RECT, x, y, w, h, 0);
  }
  roundRect(x: number, y: number, w: number, h: number, radius: number): void {
    this.flushFill();
    this.path.push(RECT, x, y, w, h, radius);
  }
  moveTo(x: number, y: number): void {
    this.flushFill();
    this.path.push(MOVE, x, y);
  }
  lineTo(x: number, y: number): void {
    this.flushFill();
    this.path.push(LINE, x, y);
  }

  fill(): void {
    this.flushFill();
    if (this.path.length === 0) return;
    this.applyFill();
    this.pendingFill = true;
  }

  stroke(): void {
    if (this.path.length === 0) return;
    const joined = this.pendingFill;
    this.pendingFill = false;
    this.applyStroke();
    this.writePath();
    this.op(joined ? 'B' : 'S');
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    this.flushFill();
    this.applyFill();
    this.op(`${n(x)} ${n(y)} ${n(w)} ${n(h)} re f`);
  }

  fillText(text: string, x: number, y: number): void {
    this.flushFill();
    const { size, bold } = fontOf(this.font);
    const left = this.textAlign === 'center' ? x - this.measureText(text).width / 2 : this.textAlign === 'right' || this.textAlign === 'end' ? x - this.measureText(text).width : x;
    const baseline = y + BASELINE_SHIFT[this.textBaseline] * size;
    this.applyFill();
    if (isWinAnsi(text)) {
      // Text space is flipped back (d = -1) because the page's user space runs downwards.
      this.op(`BT /${this.fonts.helvetica(bold)} ${n(size)} Tf 1 0 0 -1 ${n(left)} ${n(baseline)} Tm <${winAnsiHex(text)}> Tj ET`);
      return;
    }
    const shown = this.fonts.pick(text, bold);
    this.flush();
    this.doc.font(shown.font).fontSize(size).text(shown.text, left, baseline, { lineBreak: false, baseline: 'alphabetic' });
  }

  measureText(text: string): { width: number } {
    const { size, bold } = fontOf(this.font);
    if (isWinAnsi(text)) return { width: this.fonts.helveticaWidth(text, bold) * size };
    const shown = this.fonts.pick(text, bold);
    return { width: this.doc.font(shown.font).fontSize(size).widthOfString(shown.text) };
  }

  setLineDash(segments: number[]): void {
    this.dash = [...segments];
  }

  save(): void {
    this.flushFill();
    const { fillStyle, strokeStyle, lineWidth, globalAlpha, font, textAlign, textBaseline, dash } = this;
    this.stack.push({ fillStyle, strokeStyle, lineWidth, globalAlpha, font, textAlign, textBaseline, dash, written: { ...this.written } });
    this.op('q');
  }

  restore(): void {
    this.flushFill();
    const s = this.stack.pop();
    if (!s) return;
    this.op('Q');
    ({ fillStyle: this.fillStyle, strokeStyle: this.strokeStyle, lineWidth: this.lineWidth, globalAlpha: this.globalAlpha, font: this.font, textAlign: this.textAlign, textBaseline: this.textBaseline, dash: this.dash, written: this.written } = s);
  }

  translate(x: number, y: number): void {
    this.flushFill();
    this.op(`1 0 0 1 ${precise(x)} ${precise(y)} cm`);
  }

  scale(x: number, y: number): void {
    this.flushFill();
    this.op(`${precise(x)} 0 0 ${precise(y)} 0 0 cm`);
  }

  /** Writes everything painted so far into the page; call once painting is over, before using `doc` again. */
  flush(): void {
    this.flushFill();
    if (this.out === '') return;
    // Bytes, not a string: pdfkit converts strings one character at a time in JavaScript, Buffer.from natively.
    // The text is ASCII (labels are hex strings), so latin1 is exact.
    this.doc.addContent(Buffer.from(this.out, 'latin1'));
    this.out = '';
  }

  private op(s: string): void {
    this.out += s + '\n';
    if (this.out.length >= FLUSH_AT) this.flush();
  }

  private flushFill(): void {
    if (!this.pendingFill) return;
    this.pendingFill = false;
    this.writePath();
    this.op('f');
  }

  private writePath(): void {
    const p = this.path;
    let s = '';
    for (let i = 0; i < p.length; ) {
      const op = p[i]!;
      if (op === RECT) {
        s += roundedRect(p[i + 1]!, p[i + 2]!, p[i + 3]!, p[i + 4]!, p[i + 5]!);
        i += 6;
      } else {
        s += `${n(p[i + 1]!)} ${n(p[i + 2]!)} ${op === MOVE ? 'm' : 'l'}\n`;
        i += 3;
      }
      if (s.length > 65536) {
        this.out += s;
        s = '';
      }
    }
    this.out += s;
  }

  private applyFill(): void {
    const css = colour(this.fillStyle);
    const c = parseColor(css);
    const alpha = c.alpha * this.globalAlpha;
    if (css !== this.written.fill) {
      this.op(`${c.rgb} rg`);
      this.written.fill = css;
    }
    if (alpha !== this.written.fillAlpha) {
      // An ExtGState resource: pdfkit keeps the registry, so hand it the stream written so far first.
      this.flush();
      this.doc.fillOpacity(alpha);
      this.written.fillAlpha = alpha;
    }
  }

  private applyStroke(): void {
    const css = colour(this.strokeStyle);
    const c = parseColor(css);
    const alpha = c.alpha * this.globalAlpha;
    if (css !== this.written.stroke) {
      this.op(`${c.rgb} RG`);
      this.written.stroke = css;
    }
    if (alpha !== this.written.strokeAlpha) {
      this.flush();
      this.doc.strokeOpacity(alpha);
      this.written.strokeAlpha = alpha;
    }
    if (this.lineWidth !== this.written.width) {
      this.op(`${n(this.lineWidth)} w`);
      this.written.width = this.lineWidth;
    }
    const dash = this.dash.length > 0 && this.dash.every((d) => d > 0) ? this.dash.map(n).join(' ') : '';
    if (dash !== this.written.dash) {
      this.op(`[${dash}] 0 d`);
      this.written.dash = dash;
    }
  }
}

/** A rectangle path, its corners rounded with radius `r` (already limited to half the sides) when r > 0. */
function roundedRect(x: number, y: number, w: number, h: number, r: number): string {
  if (r <= 0) return `${n(x)} ${n(y)} ${n(w)} ${n(h)} re\n`;
  const c = r * (1 - KAPPA);
  const x1 = x + w;
  const y1 = y + h;
  return (
    `${n(x + r)} ${n(y)} m ${n(x1 - r)} ${n(y)} l ${n(x1 - c)} ${n(y)} ${n(x1)} ${n(y + c)} ${n(x1)} ${n(y + r)} c ` +
    `${n(x1)} ${n(y1 - r)} l ${n(x1)} ${n(y1 - c)} ${n(x1 - c)} ${n(y1)} ${n(x1 - r)} ${n(y1)} c ` +
    `${n(x + r)} ${n(y1)} l ${n(x + c)} ${n(y1)} ${n(x)} ${n(y1 - c)} ${n(x)} ${n(y1 - r)} c ` +
    `${n(x)} ${n(y + r)} l ${n(x)} ${n(y + c)} ${n(x + c)} ${n(y)} ${n(x + r)} ${n(y)} c h\n`
  );
}
