/**
 * The in-app export (File ▸ Export…) as it crosses IPC: which formats the app offers, the options of one export
 * with their runtime schema (main parses every request; the renderer is untrusted), the progress events and the
 * result. The renderer builds requests from its dialog model; main renders them with electron/export/render.ts.
 */
import { z } from 'zod';
import { EXPORT_LAYERS } from '../export/svg';
import { DIAGRAM_ORIENTATIONS, MAX_PNG_SCALE, MIN_PNG_SCALE, PAGE_NAMES, PDF_FITS, PNG_BACKGROUNDS } from '../export/page-plan';
import { ROUTING_STYLES } from '../scene/routing';
import { simulationResultSchema } from '../sim/persist';

/** Formats File ▸ Export… offers, in the order the dialog lists them. */
export const APP_EXPORT_FORMATS = ['svg', 'png', 'pdf', 'drawio', 'html', 'report-pdf', 'csv', 'dot'] as const;
export type AppExportFormat = (typeof APP_EXPORT_FORMATS)[number];

/** What the dialog calls each format, and the file extension the save dialog suggests. */
export const APP_EXPORT_FORMAT_INFO: Readonly<Record<AppExportFormat, { label: string; extension: string; filter: string }>> = {
  svg: { label: 'SVG diagram', extension: '.svg', filter: 'SVG image' },
  png: { label: 'PNG image', extension: '.png', filter: 'PNG image' },
  pdf: { label: 'PDF diagram', extension: '.pdf', filter: 'PDF document' },
  drawio: { label: 'draw.io diagram', extension: '.drawio', filter: 'draw.io diagram' },
  html: { label: 'Report (HTML)', extension: '.html', filter: 'HTML report' },
  'report-pdf': { label: 'Report (PDF)', extension: '.pdf', filter: 'PDF report' },
  csv: { label: 'Bill of materials (CSV)', extension: '.csv', filter: 'CSV table' },
  dot: { label: 'Topology (Graphviz DOT)', extension: '.dot', filter: 'Graphviz DOT graph' },
};

/** Most element ids a scope may name (a 2,000-host fabric has ~60,000 elements; a scope names top-level ones). */
const MAX_SCOPE_IDS = 200_000;

/** One simulation resource as the heatmap needs it (shared/scene/heatmap UtilisationSample). */
const heatSampleSchema = z.object({ kind: z.string().max(40), ref: z.string().max(400), utilisation: z.number().finite().min(0) });

/**
 * The simulation result a report shows: the stored-result schema with its lists bounded (a 2,000-host fabric's
 * result is well inside these; a request past them is refused rather than rendered).
 */
const flowSchema = simulationResultSchema.shape.flows.element;
export const reportSimulationSchema = simulationResultSchema.extend({
  scenario: z.string().max(200),
  flows: z.array(flowSchema.extend({ path: flowSchema.shape.path.max(10_000) })).max(1_000_000),
  resources: simulationResultSchema.shape.resources.max(2_000_000),
  vswitchCpu: simulationResultSchema.shape.vswitchCpu.max(100_000),
  migrations: simulationResultSchema.shape.migrations.max(100_000),
});

/** The what-if overlay (shared/export/selection WhatIfOverlay): link changes, failure count, failed elements and cables. */
const whatIfSchema = z
  .object({
    links: z.array(z.tuple([z.string().max(400), z.enum(['slowed', 'lost', 'down', 'gained'])])).max(2_000_000),
    failures: z.number().int().min(0).max(1_000_000),
    failed: z.object({ elements: z.array(z.string().max(400)).max(1_000_000), links: z.array(z.string().max(400)).max(2_000_000) }).strict(),
  })
  .strict();

export const exportOptionsSchema = z
  .object({
    format: z.enum(APP_EXPORT_FORMATS),
    /** Everything, or these top-level elements (with their contents) and the links between them. */
    scope: z.union([z.literal('all'), z.array(z.string().min(1).max(400)).min(1).max(MAX_SCOPE_IDS)]),
    layers: z.array(z.enum(EXPORT_LAYERS)).min(1).max(EXPORT_LAYERS.length),
    /** How diagram links are routed, as the canvas shows them (View ▸ Straight Links); orthogonal when omitted. */
    routing: z.enum(ROUTING_STYLES).optional(),
    /** Mark validation problems (main validates the design itself, as the CLI does). */
    problems: z.boolean(),
    /** Simulation resources to colour links by utilisation; null for no heatmap. */
    heat: z.array(heatSampleSchema).max(2_000_000).nullable(),
    /** With the heatmap, a run with what-if failures: links coloured by the change, as the canvas shows it. */
    whatIf: whatIfSchema.optional(),
    /** Simulation results for the report's simulation section (reports only; left out when stale or not run). */
    simulation: reportSimulationSchema.optional(),
    png: z.object({ scale: z.number().finite().min(MIN_PNG_SCALE).max(MAX_PNG_SCALE), background: z.enum(PNG_BACKGROUNDS) }),
    pdf: z.object({ page: z.enum(PAGE_NAMES), orientation: z.enum(DIAGRAM_ORIENTATIONS), fit: z.enum(PDF_FITS) }),
  })
  .strict();

export type ExportOptions = z.output<typeof exportOptionsSchema>;

/** One stage of a running export, sent main → renderer on `export:progress`. */
export interface ExportProgress {
  /** What is happening, for people: "Drawing the diagram", "Rendering the bitmap", … */
  stage: string;
  /** 0–1 over the whole export. */
  fraction: number;
}

/** What `export:write` returns when the file was written. */
export interface ExportWritten {
  path: string;
  bytes: number;
  /** One line worth telling the user (e.g. a PNG drawn at a lower scale to stay within limits); null otherwise. */
  note: string | null;
}
