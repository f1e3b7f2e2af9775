/**
 * Planning for the raster (PNG) and paged (PDF) exports: pure arithmetic on the diagram's size, so the CLI and the
 * app agree on pixel sizes, page counts and tile positions, and the plans are testable without a renderer.
 *
 * Units: the SVG's user unit is a CSS pixel; PDF positions are points (1/72 in), and 1 px = 0.75 pt.
 */

/** PNG scale factors the exporter accepts (the issue: 1×–4×). */
export const MIN_PNG_SCALE = 1;
export const MAX_PNG_SCALE = 4;
/**
 * Bitmap limits. The PNG export paints into one width × height × 4-byte bitmap; 16,384 px a side and 64 Mpx in all
 * keep one export under 256 MiB of pixels, which a 2,000-host fabric at 1× would otherwise exceed many times over.
 */
export const MAX_RASTER_SIDE = 16_384;
export const MAX_RASTER_PIXELS = 64 * 1024 * 1024;

export const PNG_BACKGROUNDS = ['transparent', 'light', 'dark'] as const;
export type PngBackground = (typeof PNG_BACKGROUNDS)[number];

export interface RasterPlan {
  /** The scale actually used (the requested one unless capped). */
  scale: number;
  width: number;
  height: number;
  /** One line for the user when the scale was lowered to stay within the limits; null otherwise. */
  capped: string | null;
}

/** Pixel size of a `width` × `height` diagram at `scale`, lowered as needed to stay within the bitmap limits. */
export function planRaster(width: number, height: number, scale: number): RasterPlan {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const limit = Math.min(MAX_RASTER_SIDE / w, MAX_RASTER_SIDE / h, Math.sqrt(MAX_RASTER_PIXELS / (w * h)));
  const used = Math.min(scale, limit);
  const size = (n: number) => Math.max(1, Math.min(MAX_RASTER_SIDE, Math.round(n * used)));
  const plan = { scale: used, width: size(w), height: size(h) };
  if (used >= scale) return { ...plan, capped: null };
  return {
    ...plan,
    capped: `the diagram is too large for a ${fmtScale(scale)}× bitmap; drawn at ${fmtScale(used)}× (${plan.width} × ${plan.height} px, the limit is ${MAX_RASTER_SIDE} px a side and ${MAX_RASTER_PIXELS / 1024 / 1024} Mpx); use --format pdf or svg for full detail`,
  };
}

const fmtScale = (s: number) => String(Math.floor(s * 1000) / 1000);

/** Page sizes in points, portrait (ISO 216 and US Letter). */
export const PAGE_SIZES = {
  A4: { width: 595.28, height: 841.89 },
  A3: { width: 841.89, height: 1190.55 },
  letter: { width: 612, height: 792 },
} as const;
export type PageSize = keyof typeof PAGE_SIZES;
export const PAGE_NAMES = Object.keys(PAGE_SIZES) as PageSize[];
export const ORIENTATIONS = ['portrait', 'landscape'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];
/**
 * What the diagram export may ask for: a page orientation, or `auto`, the one that shows this diagram larger (a tall
 * design on a portrait page); see diagramOrientation.
 */
export const DIAGRAM_ORIENTATIONS = ['auto', ...ORIENTATIONS] as const;
export type DiagramOrientation = (typeof DIAGRAM_ORIENTATIONS)[number];
export const PDF_FITS = ['page', 'tile'] as const;
export type PdfFit = (typeof PDF_FITS)[number];

export interface PdfLayoutOptions {
  page: PageSize;
  orientation: Orientation;
  /** page: the whole diagram scaled onto one page; tile: at full size, split across pages that overlap. */
  fit: PdfFit;
}

export const PX_TO_PT = 0.75;
export const PAGE_MARGIN = 28;
export const TITLE_BLOCK_HEIGHT = 40;
/** How much neighbouring tiles repeat of each other, so a printed set can be trimmed and taped together. */
export const TILE_OVERLAP = 36;
/** More tiles than this and the diagram is shrunk until it fits in as many (a 2,000-host fabric at 100 % is thousands). */
export const MAX_TILES = 64;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A line on the page, in points. */
export interface Mark {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PdfPagePlan {
  /** 1-based position in the tile grid (1, 1 for a fitted page). */
  row: number;
  col: number;
  /** The part of the diagram on this page, in diagram units (SVG user units) from the diagram's top-left corner. */
  source: Rect;
  /** Where that part lands on the page, in points. */
  dest: Rect;
  /** Overlap marks: where the neighbouring tile's content starts (tiles only). */
  marks: Mark[];
}

export interface PdfPlan {
  pageWidth: number;
  pageHeight: number;
  /** Points per SVG user unit. */
  ptPerUnit: number;
  rows: number;
  cols: number;
  pages: PdfPagePlan[];
  /** The title block's box on every page, in points. */
  titleBlock: Rect;
  /** One line when tiles had to shrink the diagram to stay within MAX_TILES; null otherwise. */
  note: string | null;
}

/** The printable area above the title block, in points. */
function contentArea(pageWidth: number, pageHeight: number): Rect {
  return { x: PAGE_MARGIN, y: PAGE_MARGIN, w: pageWidth - 2 * PAGE_MARGIN, h: pageHeight - 2 * PAGE_MARGIN - TITLE_BLOCK_HEIGHT - 8 };
}

/** Below this share of print size a fitted diagram's labels (11 px → 8 pt at 100 %) drop under 5 pt: too small to read. */
export const READABLE_SCALE = 0.6;
/** The most pages a report gives its diagram before it settles for a smaller scale. */
export const REPORT_DIAGRAM_MAX_PAGES = 6;

/**
 * The report's diagram pages: the orientation that fits the diagram larger (a tall design goes on a portrait page),
 * on one page when that is readable, else tiled at a readable scale over at most REPORT_DIAGRAM_MAX_PAGES pages. A
 * design too large to be readable on that many pages gets one fitted overview page (the PDF diagram export tiles it).
 */
export function planReportDiagram(width: number, height: number, page: PageSize): PdfPlan & { orientation: Orientation } {
  const fitted = ORIENTATIONS.map((orientation) => ({ orientation, plan: planPdf(width, height, { page, orientation, fit: 'page' }) }));
  const best = fitted.reduce((a, b) => (b.plan.ptPerUnit > a.plan.ptPerUnit ? b : a));
  if (best.plan.ptPerUnit >= READABLE_SCALE * PX_TO_PT) return { ...best.plan, orientation: best.orientation };
  const tiled = planPdf(width, height, { page, orientation: best.orientation, fit: 'tile' }, { scale: READABLE_SCALE * PX_TO_PT, maxTiles: REPORT_DIAGRAM_MAX_PAGES });
  if (tiled.ptPerUnit < READABLE_SCALE * PX_TO_PT - 1e-9) return { ...best.plan, orientation: best.orientation };
  // The tiles' own note speaks of MAX_TILES; the report's reader needs none.
  return { ...tiled, note: null, orientation: best.orientation };
}

/**
 * The page orientation for a `width` × `height` diagram when the user asked for `choice`: that one, or for `auto` the
 * one that prints it larger when fitted on a page, and in fewer pages when tiled at full size (landscape on a tie,
 * as a diagram is usually wider than tall).
 */
export function diagramOrientation(width: number, height: number, page: PageSize, fit: PdfFit, choice: DiagramOrientation): Orientation {
  if (choice !== 'auto') return choice;
  const [portrait, landscape] = ORIENTATIONS.map((orientation) => planPdf(width, height, { page, orientation, fit }));
  if (fit === 'page') return portrait!.ptPerUnit > landscape!.ptPerUnit + 1e-9 ? 'portrait' : 'landscape';
  return portrait!.pages.length < landscape!.pages.length ? 'portrait' : 'landscape';
}

/** The pages for a `width` × `height` (user units) diagram; tiles start at `tiles.scale` (full size) and shrink to `tiles.maxTiles`. */
export function planPdf(width: number, height: number, opts: PdfLayoutOptions, tiles: { scale?: number; maxTiles?: number } = {}): PdfPlan {
  const size = PAGE_SIZES[opts.page];
  const landscape = opts.orientation === 'landscape';
  const pageWidth = landscape ? size.height : size.width;
  const pageHeight = landscape ? size.width : size.height;
  const area = contentArea(pageWidth, pageHeight);
  const titleBlock = { x: PAGE_MARGIN, y: pageHeight - PAGE_MARGIN - TITLE_BLOCK_HEIGHT, w: area.w, h: TITLE_BLOCK_HEIGHT };
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const base = { pageWidth, pageHeight, titleBlock };

  if (opts.fit === 'page') {
    // Shrink to fit; never enlarge past print size, where a small design would look crude.
    const ptPerUnit = Math.min(PX_TO_PT, area.w / w, area.h / h);
    const dw = w * ptPerUnit;
    const dh = h * ptPerUnit;
    const dest = { x: area.x + (area.w - dw) / 2, y: area.y + (area.h - dh) / 2, w: dw, h: dh };
    return { ...base, ptPerUnit, rows: 1, cols: 1, pages: [{ row: 1, col: 1, source: { x: 0, y: 0, w, h }, dest, marks: [] }], note: null };
  }

  const grid = (pt: number) => {
    const count = (total: number, span: number) => (total <= span ? 1 : Math.ceil((total - TILE_OVERLAP) / (span - TILE_OVERLAP)));
    return { cols: count(w * pt, area.w), rows: count(h * pt, area.h) };
  };
  const maxTiles = tiles.maxTiles ?? MAX_TILES;
  let ptPerUnit = tiles.scale ?? PX_TO_PT;
  let g = grid(ptPerUnit);
  while (g.cols * g.rows > maxTiles) {
    ptPerUnit *= 0.9;
    g = grid(ptPerUnit);
  }
  const note = ptPerUnit < PX_TO_PT ? `the diagram needs more than ${MAX_TILES} tiles at full size; tiled at ${Math.floor((ptPerUnit / PX_TO_PT) * 100)} % onto ${g.cols * g.rows} pages` : null;
  const stepX = (area.w - TILE_OVERLAP) / ptPerUnit;
  const stepY = (area.h - TILE_OVERLAP) / ptPerUnit;
  const pages: PdfPagePlan[] = [];
  for (let r = 0; r < g.rows; r++) {
    for (let c = 0; c < g.cols; c++) {
      const sx = c * stepX;
      const sy = r * stepY;
      const source = { x: sx, y: sy, w: Math.min(area.w / ptPerUnit, w - sx), h: Math.min(area.h / ptPerUnit, h - sy) };
      const dest = { x: area.x, y: area.y, w: source.w * ptPerUnit, h: source.h * ptPerUnit };
      pages.push({ row: r + 1, col: c + 1, source, dest, marks: overlapMarks(dest, c + 1 < g.cols, r + 1 < g.rows) });
    }
  }
  return { ...base, ptPerUnit, rows: g.rows, cols: g.cols, pages, note };
}

const TICK = 10;

/** Ticks outside the tile's edges where the right and lower neighbours begin: cut or align there. */
function overlapMarks(dest: Rect, right: boolean, below: boolean): Mark[] {
  const marks: Mark[] = [];
  if (right) {
    const x = dest.x + dest.w - TILE_OVERLAP;
    marks.push({ x1: x, y1: dest.y - TICK, x2: x, y2: dest.y - 2 }, { x1: x, y1: dest.y + dest.h + 2, x2: x, y2: dest.y + dest.h + TICK });
  }
  if (below) {
    const y = dest.y + dest.h - TILE_OVERLAP;
    marks.push({ x1: dest.x - TICK, y1: y, x2: dest.x - 2, y2: y }, { x1: dest.x + dest.w + 2, y1: y, x2: dest.x + dest.w + TICK, y2: y });
  }
  return marks;
}
