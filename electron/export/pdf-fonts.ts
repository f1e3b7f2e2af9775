/**
 * Fonts for Rackplane PDFs. pdfkit's built-in Helvetica needs no embedding and keeps files small and text easy to
 * extract, but it only encodes WinAnsi (Latin-1 and a few typographic marks). A string with any other character
 * (a Cyrillic or CJK host name) is set in DejaVu Sans instead, embedded as a subset, when this machine has it;
 * otherwise those characters print as "?" and the export says so in a note.
 */
import { existsSync } from 'node:fs';

/** WinAnsi codes 0x80–0x9f, which Latin-1 leaves to control characters (PDF 32000-1 Annex D.2). */
const WIN_ANSI_EXTRA: Readonly<Record<string, number>> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e,
  '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};
const NOT_WIN_ANSI = new RegExp(`[^\\x20-\\x7e\\xa0-\\xff${Object.keys(WIN_ANSI_EXTRA).join('')}]`, 'u');
const NOT_WIN_ANSI_ALL = new RegExp(NOT_WIN_ANSI.source, 'gu');

/** True when every character of `text` has a WinAnsi code (so Helvetica can show it). */
export const isWinAnsi = (text: string) => !NOT_WIN_ANSI.test(text);

/** `text` (WinAnsi only: see isWinAnsi) as a PDF hex string body. */
export function winAnsiHex(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = WIN_ANSI_EXTRA[ch] ?? ch.charCodeAt(0);
    out += (code < 16 ? '0' : '') + code.toString(16);
  }
  return out;
}

/** Where Debian and most Linux distributions install DejaVu Sans. */
export const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';

export interface PdfFonts {
  /** The font name to set `text` in (registered with the document on first use) and the text as it can be shown. */
  pick(text: string, bold: boolean): { font: string; text: string };
  /** The resource name of (bold) Helvetica with WinAnsi encoding, added to the current page's resources. */
  helvetica(bold: boolean): string;
  /** The advance of WinAnsi `text` in (bold) Helvetica, in em, without kerning (as Tj sets it). */
  helveticaWidth(text: string, bold: boolean): number;
  /** One line for the user when characters had to be replaced; null otherwise. */
  note(): string | null;
}

/** Font choice for one document; `dir` holds DejaVuSans.ttf and DejaVuSans-Bold.ttf (tests point it elsewhere). */
export function pdfFonts(doc: PDFKit.PDFDocument, dir: string = DEJAVU_DIR): PdfFonts {
  const files = { regular: `${dir}/DejaVuSans.ttf`, bold: `${dir}/DejaVuSans-Bold.ttf` };
  let available: boolean | null = null;
  const registered = new Set<string>();
  let replaced = 0;
  // Standard-14 fonts need no embedding: a font dictionary is all a viewer needs (PDF 32000-1 §9.6.2.2).
  const dicts = new Map<boolean, PDFKit.PDFKitReference>();
  const widths = new Map<string, number>();
  return {
    helvetica(bold) {
      let ref = dicts.get(bold);
      if (!ref) {
        ref = doc.ref({ Type: 'Font', Subtype: 'Type1', BaseFont: bold ? 'Helvetica-Bold' : 'Helvetica', Encoding: 'WinAnsiEncoding' });
        ref.end(undefined);
        dicts.set(bold, ref);
      }
      const name = bold ? 'RpHelvB' : 'RpHelv';
      (doc.page.fonts as Record<string, PDFKit.PDFKitReference>)[name] = ref;
      return name;
    },
    helveticaWidth(text, bold) {
      let em = 0;
      for (const ch of text) {
        const key = bold ? `b${ch}` : ch;
        let w = widths.get(key);
        if (w === undefined) {
          // pdfkit's AFM metrics, one character at a time (so no kerning pair applies); cached per character.
          w = doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(1).widthOfString(ch);
          widths.set(key, w);
        }
        em += w;
      }
      return em;
    },
    pick(text, bold) {
      if (!NOT_WIN_ANSI.test(text)) return { font: bold ? 'Helvetica-Bold' : 'Helvetica', text };
      available ??= existsSync(files.regular) && existsSync(files.bold);
      if (!available) {
        replaced++;
        return { font: bold ? 'Helvetica-Bold' : 'Helvetica', text: text.replace(NOT_WIN_ANSI_ALL, '?') };
      }
      const name = bold ? 'DejaVuSans-Bold' : 'DejaVuSans';
      if (!registered.has(name)) {
        doc.registerFont(name, bold ? files.bold : files.regular);
        registered.add(name);
      }
      return { font: name, text };
    },
    note: () => (replaced > 0 ? `${replaced} label${replaced === 1 ? '' : 's'} use characters Helvetica cannot show and DejaVu Sans was not found in ${dir}; they print with "?"` : null),
  };
}
