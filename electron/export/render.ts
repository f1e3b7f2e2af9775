/**
 * Format → bytes, in one place: the CLI (`rackplane export`, `rackplane report`) and the app's export worker both
 * call renderDesign, so a file exported from the app is the file the CLI writes for the same options. Nothing here
 * touches the file system or Electron; progress and notes go to the caller's hooks.
 */
import { bomCsv } from '../../shared/export/bom';
import type { DiagramOrientation, PageSize, PdfFit, PngBackground } from '../../shared/export/page-plan';
import { designToDot } from '../../shared/export/dot';
import { designToDrawio } from '../../shared/export/drawio';
import { designReportHtml } from '../../shared/export/report-html';
import { diagramLabels } from '../../shared/export/labels';
import { markProblems, selectDiagram, type DiagramOptions, type DiagramSelection, type WhatIfOverlay } from '../../shared/export/selection';
import { designSvgChunks, designToSvg, type ExportLayer } from '../../shared/export/svg';
import { exportTopologyJson } from '../../shared/formats/topology';
import type { ExportProgress } from '../../shared/ipc/export-request';
import type { Design } from '../../shared/model/design';
import type { UtilisationSample } from '../../shared/scene/heatmap';
import type { RoutingStyle } from '../../shared/scene/routing';
import type { Scenario, SimulationResult } from '../../shared/sim/simulate';
import { ALL_RULES, ruleCatalog, validateDesign } from '../../shared/validate';
import type { ValidationResult } from '../../shared/validate/engine';
import { designToPdf } from './pdf';
import { designToPng } from './png';
import { designReportPdf } from './report-pdf';

/** Every format Rackplane writes: topology JSON, the diagram (SVG, PNG, PDF, draw.io), the topology as Graphviz DOT, the bill of materials, the report. */
export const RENDER_FORMATS = ['json', 'svg', 'png', 'pdf', 'drawio', 'dot', 'csv', 'html', 'report-pdf'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

/** What the formats take besides the design. */
export interface RenderSettings {
  layers: readonly ExportLayer[];
  /** Mark validation problems on the diagram (and list them in the report). */
  problems: boolean;
  png: { scale: number; background: PngBackground };
  pdf: { page: PageSize; orientation: DiagramOrientation; fit: PdfFit };
  /** Today's date for the PDF title block (the caller's clock, so tests can pin it). */
  date: string;
  /** Only these top-level elements (with their contents) and the links between them; everything by default. */
  scope?: 'all' | readonly string[];
  /** How diagram links are routed (straight or orthogonal, as the canvas's View ▸ Straight Links); orthogonal by default. */
  routing?: RoutingStyle;
  /** Simulation resources: diagram links coloured by utilisation (the canvas heatmap). */
  heat?: readonly UtilisationSample[] | null;
  /** With `heat`, a run with what-if failures: links coloured by the change, failures marked, the diff legend. */
  whatIf?: WhatIfOverlay | null;
  /** The report's simulation section. */
  simulation?: SimulationResult;
  /** A validation the caller already ran (the report command prints its count); run here when needed otherwise. */
  validation?: ValidationResult;
  /** The design's stored scenarios: topology JSON carries them in its `scenarios` array. */
  scenarios?: readonly Scenario[];
}

export const DEFAULT_RENDER: Pick<RenderSettings, 'problems' | 'png' | 'pdf'> = {
  problems: true,
  png: { scale: 1, background: 'light' },
  pdf: { page: 'A4', orientation: 'landscape', fit: 'page' },
};

export interface RenderHooks {
  /** Stage events for a progress bar; the fractions only grow. */
  progress?(p: ExportProgress): void;
  /** One line worth telling the user (a bitmap scaled down to stay within limits, a PDF tiled smaller). */
  note?(line: string): void;
  /**
   * A validation already running elsewhere (the CLI's worker, validate-job.ts): the diagram is drawn meanwhile and
   * its problems marked when it ends; null from it means "validate here". Used only when problems are marked and
   * the settings carry no validation.
   */
  validation?: Promise<ValidationResult | null>;
}

/** The validation the settings ask for: the caller's, none without problem marks, else one run here. */
function validationFor(design: Design, s: RenderSettings, progress: (stage: string, fraction: number) => void): ValidationResult | undefined {
  if (s.validation || !s.problems) return s.validation;
  progress('Checking the design', 0.05);
  return validateDesign(design, ALL_RULES);
}

/** The diagram's options, shared by SVG, PNG and PDF (and the report's diagram uses layers the same way); no problems. */
function diagramOptions(s: RenderSettings): DiagramOptions {
  return {
    layers: s.layers,
    ...(s.heat ? { heat: s.heat } : {}),
    ...(s.heat && s.whatIf ? { whatIf: s.whatIf } : {}),
    ...(s.scope && s.scope !== 'all' ? { scope: s.scope } : {}),
    ...(s.routing ? { routing: s.routing } : {}),
  };
}

/**
 * What the diagram draws, with its problems marked. With a validation running on another thread (hooks.validation),
 * the scene is built meanwhile and the marks are set when it ends; otherwise the validation runs here first, as
 * before, so that its memory is free again before the scene is built (a 10,000-host export is bounded by memory).
 * The marks come out the same either way: they depend only on the diagnostics.
 */
async function diagramSelection(design: Design, s: RenderSettings, hooks: RenderHooks, progress: (stage: string, fraction: number) => void): Promise<{ sel: DiagramSelection; opts: DiagramOptions }> {
  const opts = diagramOptions(s);
  if (s.validation || !s.problems || !hooks.validation) {
    const v = validationFor(design, s, progress);
    return { sel: selectDiagram(design, { ...opts, ...(v ? { problems: v.diagnostics } : {}) }), opts };
  }
  const sel = selectDiagram(design, opts);
  const v = (await hooks.validation) ?? validationFor(design, s, progress);
  if (v) markProblems(sel, v.diagnostics);
  return { sel, opts };
}

/**
 * The SVG of `design` as pieces to write in order (the same text renderDesign returns for 'svg'): a 10,000-host
 * fabric's ~190 MB SVG is written as it is made, never held whole. The scene, labels and checks run here, before
 * the first piece, so a design that cannot be drawn fails before anything is written.
 */
export async function renderSvgChunks(design: Design, s: RenderSettings, hooks: RenderHooks = {}): Promise<Iterable<string>> {
  const { sel, opts } = await diagramSelection(design, s, hooks, () => {});
  diagramLabels(sel);
  return designSvgChunks(design, opts, sel);
}

/** The bytes (or text) of `design` in `format`. Throws only on a broken design the renderers cannot draw. */
export async function renderDesign(design: Design, format: RenderFormat, s: RenderSettings, hooks: RenderHooks = {}): Promise<string | Uint8Array> {
  const progress = (stage: string, fraction: number) => hooks.progress?.({ stage, fraction });
  const note = (line: string | null) => {
    if (line) hooks.note?.(line);
  };
  const validation = () => validationFor(design, s, progress);

  switch (format) {
    case 'json':
      return exportTopologyJson(design, { scenarios: s.scenarios });
    case 'csv':
      return bomCsv(design);
    case 'svg': {
      const { sel, opts } = await diagramSelection(design, s, hooks, progress);
      progress('Drawing the diagram', 0.3);
      return designToSvg(design, opts, sel);
    }
    case 'png': {
      const { sel, opts } = await diagramSelection(design, s, hooks, progress);
      progress('Rendering the bitmap', 0.3);
      const r = await designToPng(design, { ...opts, scale: s.png.scale, background: s.png.background }, sel);
      note(r.plan.capped);
      return r.png;
    }
    case 'pdf': {
      const { sel, opts } = await diagramSelection(design, s, hooks, progress);
      progress('Drawing the pages', 0.3);
      const r = await designToPdf(design, opts, s.pdf, { title: design.meta.name, date: s.date, revision: design.meta.revision }, sel);
      for (const line of r.notes) note(line);
      return r.pdf;
    }
    // draw.io and DOT take the diagram's layers and scope (draw.io its routing too); they carry no problem marks.
    case 'drawio':
      progress('Writing the draw.io file', 0.3);
      return designToDrawio(design, { layers: s.layers, ...(s.scope ? { scope: s.scope } : {}), ...(s.routing ? { routing: s.routing } : {}) });
    case 'dot':
      progress('Writing the DOT graph', 0.3);
      return designToDot(design, { layers: s.layers, ...(s.scope ? { scope: s.scope } : {}) });
    case 'html': {
      const v = validation();
      progress('Writing the report', 0.4);
      return designReportHtml(design, { layers: s.layers, validation: v, rules: ruleCatalog(), simulation: s.simulation });
    }
    case 'report-pdf': {
      // The PDF report always has its validation section (as `rackplane report --format pdf`).
      const v = s.validation ?? validation() ?? validateDesign(design, ALL_RULES);
      progress('Writing the report', 0.4);
      return designReportPdf(design, { title: design.meta.name, date: s.date, revision: design.meta.revision }, { validation: v, rules: ruleCatalog(), simulation: s.simulation, layers: s.layers, layout: { ...s.pdf, orientation: s.pdf.orientation === 'auto' ? 'portrait' : s.pdf.orientation } });
    }
    default: {
      const never: never = format;
      throw new Error(`unknown export format ${String(never)}`);
    }
  }
}

/** Today as YYYY-MM-DD in local time, for title blocks. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
