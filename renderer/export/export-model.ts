/**
 * The Export dialog as pure data: the user's choices, which controls each format uses, what makes a choice
 * unavailable (an empty selection, stale simulation results), the last choices of this session, and the
 * `export:write` options built from them. ExportDialog.tsx only renders this; tests drive it without React.
 */
import { EXPORT_LAYERS, type ExportLayer } from '../../shared/export/svg';
import { MAX_PNG_SCALE, MIN_PNG_SCALE, type DiagramOrientation, type PageSize, type PdfFit, type PngBackground } from '../../shared/export/page-plan';
import type { AppExportFormat, ExportOptions } from '../../shared/ipc/export-request';
import type { WhatIfOverlay } from '../../shared/export/selection';
import type { Design } from '../../shared/model/design';
import type { UtilisationSample } from '../../shared/scene/heatmap';
import type { SceneLayer } from '../../shared/scene/layers';
import type { RoutingStyle } from '../../shared/scene/routing';
import type { SimulationResult } from '../../shared/sim/simulate';
import type { SceneIndex } from '../../shared/scene/spatial';
import { visibleWorld, type Viewport } from '../../shared/scene/viewport';

export type ExportScope = 'all' | 'view' | 'selection';

export interface ExportChoices {
  format: AppExportFormat;
  scope: ExportScope;
  layers: Readonly<Record<ExportLayer, boolean>>;
  problems: boolean;
  heatmap: boolean;
  png: { scale: number; background: PngBackground };
  pdf: { page: PageSize; orientation: DiagramOrientation; fit: PdfFit };
}

export const DEFAULT_CHOICES: ExportChoices = {
  format: 'svg',
  scope: 'all',
  layers: { pcie: true, ethernet: true, virtual: true },
  problems: true,
  heatmap: true,
  png: { scale: 2, background: 'light' },
  // Automatic: a tall design goes on a portrait page (a rack fitted on A4 landscape printed at 26 %).
  pdf: { page: 'A4', orientation: 'auto', fit: 'page' },
};

/** What the open design offers the dialog. */
export interface ExportContext {
  /** Elements selected on the canvas (links alone do not make a scope). */
  selectedElements: number;
  /** Simulation results exist and were computed on the design as it is now (the heatmap and the reports use them). */
  heatAvailable: boolean;
  /** Simulation results exist but the design changed since they were computed. */
  simulationStale?: boolean;
  /** The results are a what-if run with this many failures: the heatmap exports its diff colours and failures. */
  whatIfFailures?: number;
}

/** The heatmap checkbox's label: what an export with it on will show. */
export function heatmapLabel(ctx: ExportContext): string {
  if (!ctx.heatAvailable || !ctx.whatIfFailures) return 'Utilisation heatmap';
  return `What-if heatmap (${ctx.whatIfFailures} ${ctx.whatIfFailures === 1 ? 'failure' : 'failures'}, change per link)`;
}

/** The controls a format uses; the dialog hides the rest. */
export interface FormatControls {
  scope: boolean;
  layers: boolean;
  problems: boolean;
  heatmap: boolean;
  png: boolean;
  pdfPage: boolean;
  pdfFit: boolean;
}

export function controlsFor(format: AppExportFormat): FormatControls {
  const none: FormatControls = { scope: false, layers: false, problems: false, heatmap: false, png: false, pdfPage: false, pdfFit: false };
  const diagram = { ...none, scope: true, layers: true, problems: true, heatmap: true };
  switch (format) {
    case 'svg':
      return diagram;
    case 'png':
      return { ...diagram, png: true };
    case 'pdf':
      return { ...diagram, pdfPage: true, pdfFit: true };
    // draw.io takes the diagram's scope and layers (its layers become draw.io layers); it carries no overlays.
    // The DOT graph is the topology of the same scope and layers, laid out by Graphviz.
    case 'drawio':
    case 'dot':
      return { ...none, scope: true, layers: true };
    // The HTML report's diagram shows the chosen layers; problems on/off is whether it has a validation section.
    case 'html':
      return { ...none, layers: true, problems: true };
    // The PDF report always lists the validation (as `rackplane report`); its diagram page is always fitted.
    case 'report-pdf':
      return { ...none, layers: true, pdfPage: true };
    case 'csv':
      return none;
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}

/** The choices as they can apply: a selection scope without a selection, or a heatmap without fresh results, falls back. */
export function effectiveChoices(c: ExportChoices, ctx: ExportContext): ExportChoices {
  return {
    ...c,
    scope: c.scope === 'selection' && ctx.selectedElements === 0 ? 'all' : c.scope,
    heatmap: c.heatmap && ctx.heatAvailable,
    png: { ...c.png, scale: clampScale(c.png.scale) },
  };
}

const clampScale = (n: number) => (Number.isFinite(n) ? Math.min(MAX_PNG_SCALE, Math.max(MIN_PNG_SCALE, n)) : MIN_PNG_SCALE);

/** Formats whose file has a simulation section when fresh results exist. */
const REPORT_FORMATS: ReadonlySet<AppExportFormat> = new Set(['html', 'report-pdf']);

/** The dialog's one line about simulation results in a report (stale results are left out), or null. */
/**
 * The file name the save dialog offers. Reports add " report", so the diagram PDF and the report PDF of one design
 * are offered different names and saving one never proposes overwriting the other.
 */
export function suggestedExportName(designName: string, format: AppExportFormat): string {
  return format === 'report-pdf' || format === 'html' ? `${designName} report` : designName;
}

export function simulationNote(format: AppExportFormat, ctx: ExportContext): string | null {
  if (!REPORT_FORMATS.has(format)) return null;
  if (ctx.heatAvailable) return 'The report includes the simulation results.';
  return ctx.simulationStale ? 'The simulation results are out of date and are left out: run the simulation again to include them.' : null;
}

/** The dialog's one line on what a format for other tools holds, or null for Rackplane's own diagram and reports. */
export function formatNote(format: AppExportFormat): string | null {
  if (format === 'drawio') return 'Opens in draw.io with the same layout: servers as containers, the layers as draw.io layers, properties as shape data.';
  if (format === 'dot') return 'The topology for Graphviz (e.g. dot -Tsvg): servers as clusters, links labelled with kind and rate; Graphviz lays it out.';
  return null;
}

/** Why Export cannot run with these choices (one line for the dialog), or null. */
export function choiceProblem(c: ExportChoices, ctx: ExportContext): string | null {
  const e = effectiveChoices(c, ctx);
  if (controlsFor(e.format).layers && !EXPORT_LAYERS.some((l) => e.layers[l])) return 'Choose at least one layer to draw.';
  return null;
}

// The last choices of this session: the dialog opens with them (a new window starts from the defaults).
let remembered: ExportChoices = DEFAULT_CHOICES;

export function rememberedChoices(): ExportChoices {
  return remembered;
}

export function rememberChoices(c: ExportChoices): void {
  remembered = c;
}

/**
 * The choices with the layers the canvas shows (View ▸ Layers): an export is expected to look like the screen,
 * so the dialog starts from what is drawn rather than from the layers of the last export.
 */
export function withCanvasLayers(c: ExportChoices, shown: ReadonlySet<SceneLayer>): ExportChoices {
  const layers = Object.fromEntries(EXPORT_LAYERS.map((l) => [l, shown.has(l)])) as Record<ExportLayer, boolean>;
  return EXPORT_LAYERS.every((l) => layers[l] === c.layers[l]) ? c : { ...c, layers };
}

/** Top-level elements whose boxes meet the visible part of the canvas: "current view" exports exactly these. */
export function elementsInView(design: Design, index: SceneIndex, viewport: Viewport, size: { w: number; h: number }): string[] {
  if (size.w <= 0 || size.h <= 0) return [];
  const view = visibleWorld(viewport, size.w, size.h);
  const out: string[] = [];
  for (const i of index.nodesIn(view)) {
    const id = index.scene.nodes[i]!.id;
    if (design.elements[id]?.parent === null) out.push(id);
  }
  return out;
}

/** What the dialog's choices need from the app at export time. */
export interface ExportInputs {
  selection: readonly string[];
  /** Computed only for the "current view" scope (it walks the spatial index). */
  inView: () => readonly string[];
  heat: () => readonly UtilisationSample[];
  /** The what-if view of the last run (link changes, failures), when it had failures: the heatmap exports as that diff. */
  whatIf?: () => WhatIfOverlay | null;
  /** The current simulation result, sent with reports when it is fresh; absent or null for none. */
  simulation?: () => SimulationResult | null;
  /** How the canvas routes links (View ▸ Straight Links): the diagram is exported the same way. */
  routing: RoutingStyle;
}

/** The `export:write` options, or a one-line reason nothing can be exported (e.g. an empty view). */
export function exportOptions(c: ExportChoices, ctx: ExportContext, inputs: ExportInputs): { ok: true; options: ExportOptions } | { ok: false; reason: string } {
  const problem = choiceProblem(c, ctx);
  if (problem) return { ok: false, reason: problem };
  const e = effectiveChoices(c, ctx);
  const controls = controlsFor(e.format);
  let scope: ExportOptions['scope'] = 'all';
  if (controls.scope && e.scope === 'selection') scope = [...inputs.selection];
  if (controls.scope && e.scope === 'view') {
    const ids = inputs.inView();
    if (ids.length === 0) return { ok: false, reason: 'Nothing is in view: scroll or zoom to the part to export, or export the whole design.' };
    scope = [...ids];
  }
  const layers = controls.layers ? EXPORT_LAYERS.filter((l) => e.layers[l]) : [...EXPORT_LAYERS];
  const heat = controls.heatmap && e.heatmap ? inputs.heat().map((r) => ({ kind: r.kind, ref: r.ref, utilisation: r.utilisation })) : null;
  // The heatmap exports as the canvas shows it: with what-if failures in the run, as the diff against the run without them.
  const whatIf = heat ? (inputs.whatIf?.() ?? null) : null;
  // Reports carry the simulation only when it matches the design (the heatmap's condition): stale results stay out.
  const simulation = REPORT_FORMATS.has(e.format) && ctx.heatAvailable ? (inputs.simulation?.() ?? null) : null;
  return {
    ok: true,
    options: {
      format: e.format,
      scope,
      layers,
      routing: inputs.routing,
      // Formats without the control keep the CLI's default (problems marked).
      problems: controls.problems ? e.problems : true,
      heat,
      ...(whatIf ? { whatIf: { links: whatIf.links.map(([l, c]) => [l, c] as [string, typeof c]), failures: whatIf.failures, failed: { elements: [...whatIf.failed.elements], links: [...whatIf.failed.links] } } } : {}),
      png: e.png,
      pdf: controls.pdfFit ? e.pdf : { ...e.pdf, fit: 'page' },
      ...(simulation ? { simulation } : {}),
    },
  };
}
