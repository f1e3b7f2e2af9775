// The Export dialog's model: which controls each format uses, what falls back when unavailable, the session's
// remembered choices, the "current view" scope from the spatial index, and the export:write options it builds.
import { describe, expect, it } from 'vitest';
import { exportOptionsSchema } from '../../shared/ipc/export-request';
import { sceneOf } from '../../shared/scene/scene';
import { SceneIndex } from '../../shared/scene/spatial';
import { makeTemplate } from '../../shared/templates';
import { defaultScenario } from '../../shared/sim/scenarios';
import { simulate } from '../../shared/sim/simulate';
import { choiceProblem, controlsFor, DEFAULT_CHOICES, effectiveChoices, elementsInView, exportOptions, formatNote, heatmapLabel, rememberChoices, rememberedChoices, simulationNote, suggestedExportName, withCanvasLayers, type ExportChoices, type ExportInputs } from './export-model';

const ctx = { selectedElements: 0, heatAvailable: false };
const inputs = (patch: Partial<ExportInputs> = {}): ExportInputs => ({ selection: [], inView: () => ['h1'], heat: () => [{ kind: 'ethernet', ref: 'l1', utilisation: 0.5 }], routing: 'orthogonal', ...patch });
const build = (c: Partial<ExportChoices>, context = ctx, i = inputs()) => {
  const r = exportOptions({ ...DEFAULT_CHOICES, ...c }, context, i);
  if (!r.ok) throw new Error(r.reason);
  // Whatever the dialog builds, main's schema accepts.
  expect(exportOptionsSchema.safeParse(r.options).success).toBe(true);
  return r.options;
};

describe('controls per format', () => {
  it('diagram formats take scope, layers and overlays; PNG adds scale and background, PDF page and fit', () => {
    expect(controlsFor('svg')).toMatchObject({ scope: true, layers: true, problems: true, heatmap: true, png: false, pdfPage: false });
    expect(controlsFor('png')).toMatchObject({ scope: true, png: true, pdfPage: false });
    expect(controlsFor('pdf')).toMatchObject({ scope: true, png: false, pdfPage: true, pdfFit: true });
  });

  it('reports take layers (and page size for PDF) but no scope; the bill of materials takes nothing', () => {
    expect(controlsFor('html')).toMatchObject({ scope: false, layers: true, problems: true, heatmap: false });
    expect(controlsFor('report-pdf')).toMatchObject({ scope: false, layers: true, pdfPage: true, pdfFit: false });
    expect(Object.values(controlsFor('csv')).every((v) => v === false)).toBe(true);
  });

  it('draw.io and DOT take scope and layers only, and build options main accepts', () => {
    for (const format of ['drawio', 'dot'] as const) {
      expect(controlsFor(format)).toEqual({ scope: true, layers: true, problems: false, heatmap: false, png: false, pdfPage: false, pdfFit: false });
      const o = build({ format, scope: 'selection', layers: { pcie: true, ethernet: false, virtual: false } }, { selectedElements: 1, heatAvailable: true }, inputs({ selection: ['h1'] }));
      expect(o).toMatchObject({ format, scope: ['h1'], layers: ['pcie'], heat: null });
      expect(formatNote(format)).toMatch(format === 'drawio' ? /draw\.io/ : /Graphviz/);
    }
    expect(formatNote('svg')).toBeNull();
  });
});

describe('availability', () => {
  it('a selection scope without a selection falls back to the whole design; with one it stays', () => {
    expect(effectiveChoices({ ...DEFAULT_CHOICES, scope: 'selection' }, ctx).scope).toBe('all');
    expect(effectiveChoices({ ...DEFAULT_CHOICES, scope: 'selection' }, { ...ctx, selectedElements: 2 }).scope).toBe('selection');
  });

  it('with what-if failures in the run, the heatmap exports as the diff the canvas shows (and only with the heatmap)', () => {
    const whatIf = { links: [['l1', 'down'] as ['l1', 'down']], failures: 1, failed: { elements: ['tor'], links: ['l1'] } };
    const fresh = { ...ctx, heatAvailable: true };
    const withDiff = inputs({ whatIf: () => whatIf });
    expect(build({ format: 'png' }, fresh, withDiff).whatIf).toEqual(whatIf);
    expect(build({ format: 'svg', heatmap: false }, fresh, withDiff).whatIf).toBeUndefined();
    expect(build({ format: 'svg' }, ctx, withDiff).whatIf).toBeUndefined();
    expect(build({ format: 'drawio' }, fresh, withDiff).whatIf).toBeUndefined();
    // A run without failures has no what-if: the utilisation heatmap, as before.
    expect(build({ format: 'svg' }, fresh, inputs({ whatIf: () => null })).whatIf).toBeUndefined();
  });

  it('the heatmap is off unless fresh simulation results exist', () => {
    expect(effectiveChoices(DEFAULT_CHOICES, ctx).heatmap).toBe(false);
    expect(effectiveChoices(DEFAULT_CHOICES, { ...ctx, heatAvailable: true }).heatmap).toBe(true);
    expect(build({ format: 'svg' }).heat).toBeNull();
    expect(build({ format: 'svg' }, { ...ctx, heatAvailable: true }).heat).toEqual([{ kind: 'ethernet', ref: 'l1', utilisation: 0.5 }]);
    expect(build({ format: 'html' }, { ...ctx, heatAvailable: true }).heat).toBeNull();
  });

  it('no layer at all is refused with one line; formats without layers do not care', () => {
    const none = { pcie: false, ethernet: false, virtual: false };
    expect(choiceProblem({ ...DEFAULT_CHOICES, layers: none }, ctx)).toBe('Choose at least one layer to draw.');
    expect(choiceProblem({ ...DEFAULT_CHOICES, format: 'csv', layers: none }, ctx)).toBeNull();
    expect(exportOptions({ ...DEFAULT_CHOICES, layers: none }, ctx, inputs())).toEqual({ ok: false, reason: 'Choose at least one layer to draw.' });
  });

  it('a PNG scale outside 1–4 is brought back into range', () => {
    expect(build({ format: 'png', png: { scale: 9, background: 'dark' } }).png).toEqual({ scale: 4, background: 'dark' });
    expect(build({ format: 'png', png: { scale: Number.NaN, background: 'light' } }).png.scale).toBe(1);
  });
});

describe('export options', () => {
  it('scope: whole design, the selection, or the top-level elements in view', () => {
    expect(build({ scope: 'all' }).scope).toBe('all');
    expect(build({ scope: 'selection' }, { ...ctx, selectedElements: 2 }, inputs({ selection: ['a', 'b'] })).scope).toEqual(['a', 'b']);
    expect(build({ scope: 'view' }).scope).toEqual(['h1']);
    expect(exportOptions({ ...DEFAULT_CHOICES, scope: 'view' }, ctx, inputs({ inView: () => [] }))).toMatchObject({ ok: false, reason: expect.stringMatching(/^Nothing is in view/) });
  });

  it('layers as a list in canonical order; PDF reports are always fitted; CSV keeps every layer', () => {
    expect(build({ layers: { virtual: true, ethernet: false, pcie: true } }).layers).toEqual(['pcie', 'virtual']);
    expect(build({ format: 'report-pdf', pdf: { page: 'A3', orientation: 'portrait', fit: 'tile' } }).pdf).toEqual({ page: 'A3', orientation: 'portrait', fit: 'page' });
    expect(build({ format: 'csv', layers: { pcie: false, ethernet: false, virtual: false } }).layers).toEqual(['pcie', 'ethernet', 'virtual']);
  });

  it('links are routed as the canvas routes them', () => {
    expect(build({ format: 'svg' }, ctx, inputs({ routing: 'straight' })).routing).toBe('straight');
    expect(build({ format: 'png' }, ctx, inputs({ routing: 'orthogonal' })).routing).toBe('orthogonal');
    expect(build({ format: 'pdf' }, ctx, inputs({ routing: 'straight' })).routing).toBe('straight');
  });

  it('the dialog starts from the layers the canvas shows, keeping every other remembered choice', () => {
    const mine: ExportChoices = { ...DEFAULT_CHOICES, format: 'png', png: { scale: 3, background: 'dark' } };
    const shown = withCanvasLayers(mine, new Set(['pcie', 'virtual'] as const));
    expect(shown).toEqual({ ...mine, layers: { pcie: true, ethernet: false, virtual: true } });
    expect(build(shown).layers).toEqual(['pcie', 'virtual']);
    // Nothing to change: the same object, so the dialog's state is not needlessly replaced.
    expect(withCanvasLayers(mine, new Set(['pcie', 'ethernet', 'virtual'] as const))).toBe(mine);
  });

  it('the last choices are remembered for the session', () => {
    expect(rememberedChoices()).toBe(DEFAULT_CHOICES);
    const mine: ExportChoices = { ...DEFAULT_CHOICES, format: 'pdf', pdf: { page: 'letter', orientation: 'portrait', fit: 'tile' } };
    rememberChoices(mine);
    expect(rememberedChoices()).toEqual(mine);
    rememberChoices(DEFAULT_CHOICES);
  });
});

describe('current view', () => {
  const design = makeTemplate('rack', { hosts: 4, vmsPerHost: 2 });
  const index = new SceneIndex(sceneOf(design));
  const topLevel = index.scene.nodes.filter((n) => design.elements[n.id]!.parent === null);

  it('the whole scene in view gives every top-level element and nothing nested', () => {
    const b = index.scene.bounds!;
    const ids = elementsInView(design, index, { x: -b.x + 10, y: -b.y + 10, scale: 1 }, { w: b.w + 20, h: b.h + 20 });
    expect(new Set(ids)).toEqual(new Set(topLevel.map((n) => n.id)));
  });

  it('a view around one server gives that server only, and an empty canvas gives nothing', () => {
    const host = topLevel.find((n) => design.elements[n.id]!.kind === 'host')!;
    // Zoomed to 100 % with the server's centre 5 px square in the middle of a 10 × 10 px canvas.
    const vp = { x: 5 - (host.x + host.w / 2), y: 5 - (host.y + host.h / 2), scale: 1 };
    expect(elementsInView(design, index, vp, { w: 10, h: 10 })).toEqual([host.id]);
    expect(elementsInView(design, index, vp, { w: 0, h: 0 })).toEqual([]);
  });
});

describe('simulation in reports', () => {
  const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
  const result = simulate(d, { ...defaultScenario(d), migrations: [{ vm: 'r01.h001.vm02', to: 'r01.h002' }] });
  const withSim = inputs({ simulation: () => result });
  const fresh = { ...ctx, heatAvailable: true, simulationStale: false };
  const stale = { ...ctx, heatAvailable: false, simulationStale: true };

  it('reports carry fresh results; diagrams and the bill of materials never do', () => {
    expect(build({ format: 'html' }, fresh, withSim).simulation).toEqual(result);
    expect(build({ format: 'report-pdf' }, fresh, withSim).simulation).toEqual(result);
    for (const format of ['svg', 'png', 'pdf', 'csv'] as const) expect(build({ format }, fresh, withSim)).not.toHaveProperty('simulation');
  });

  it('leaves stale or missing results out, and the dialog says why in one line', () => {
    expect(build({ format: 'html' }, stale, withSim)).not.toHaveProperty('simulation');
    expect(build({ format: 'html' }, fresh, inputs({ simulation: () => null }))).not.toHaveProperty('simulation');
    expect(simulationNote('html', stale)).toBe('The simulation results are out of date and are left out: run the simulation again to include them.');
    expect(simulationNote('report-pdf', fresh)).toBe('The report includes the simulation results.');
    expect(simulationNote('html', ctx)).toBeNull();
    expect(simulationNote('svg', stale)).toBeNull();
  });
});

describe('suggested file names', () => {
  it('the diagram PDF and the report PDF of a design are offered different names', () => {
    expect(suggestedExportName('Lab', 'pdf')).toBe('Lab');
    expect(suggestedExportName('Lab', 'report-pdf')).toBe('Lab report');
    expect(suggestedExportName('Lab', 'html')).toBe('Lab report');
  });
});

describe('the heatmap checkbox says what the export will show', () => {
  it('names the what-if diff and its failures when the results are a what-if run', () => {
    expect(heatmapLabel({ ...ctx, heatAvailable: true })).toBe('Utilisation heatmap');
    expect(heatmapLabel({ ...ctx, heatAvailable: true, whatIfFailures: 1 })).toBe('What-if heatmap (1 failure, change per link)');
    expect(heatmapLabel({ ...ctx, heatAvailable: true, whatIfFailures: 2 })).toBe('What-if heatmap (2 failures, change per link)');
    // Stale results export no heatmap at all: the plain label, disabled, with the hint to run again.
    expect(heatmapLabel({ ...ctx, heatAvailable: false, whatIfFailures: 2 })).toBe('Utilisation heatmap');
  });
});
