/**
 * File › Export…: format and options (renderer/export/export-model.ts decides which apply), then Export… asks
 * where to save and the export runs in main's worker; the dialog shows its stages with a Cancel that stops it,
 * and closes once the file is written.
 */
import { useState, useSyncExternalStore, type ReactElement } from 'react';
import { EXPORT_LAYERS, type ExportLayer } from '../../shared/export/svg';
import { PAGE_NAMES, PNG_BACKGROUNDS, type DiagramOrientation, type PageSize, type PdfFit, type PngBackground } from '../../shared/export/page-plan';
import { APP_EXPORT_FORMATS, APP_EXPORT_FORMAT_INFO, type AppExportFormat } from '../../shared/ipc/export-request';
import type { ExportController } from '../export/export-controller';
import { choiceProblem, controlsFor, effectiveChoices, formatNote, heatmapLabel, rememberedChoices, simulationNote, type ExportChoices, type ExportScope } from '../export/export-model';
import type { DialogResult } from '../state/dialogs';
import { Modal } from './Modal';

const LAYER_LABELS: Readonly<Record<ExportLayer, string>> = { pcie: 'PCIe', ethernet: 'Ethernet', virtual: 'Virtual' };
const BACKGROUND_LABELS: Readonly<Record<PngBackground, string>> = { transparent: 'Transparent', light: 'Light', dark: 'Dark' };
const PNG_SCALES = [1, 1.5, 2, 3, 4];
const pageLabel = (p: PageSize) => (p === 'letter' ? 'US Letter' : p);

export function ExportDialog({ controller, answer }: { controller: ExportController; answer: (r: DialogResult) => void }): ReactElement {
  const [choices, setChoices] = useState<ExportChoices>(rememberedChoices);
  const [failure, setFailure] = useState<string | null>(null);
  const run = useSyncExternalStore(controller.subscribe, controller.getState);
  const ctx = controller.context();
  const shown = effectiveChoices(choices, ctx);
  const controls = controlsFor(shown.format);
  const simNote = simulationNote(shown.format, ctx);
  const toolNote = formatNote(shown.format);
  const problem = choiceProblem(choices, ctx);
  const running = run.kind === 'running';

  const change = (patch: Partial<ExportChoices>) => {
    setFailure(null);
    setChoices((c) => ({ ...c, ...patch }));
  };
  const start = async () => {
    if (problem || running) return;
    setFailure(null);
    const outcome = await controller.run(choices);
    if (outcome.kind === 'written') answer({ kind: 'dismissed' });
    else if (outcome.kind === 'failed') setFailure(outcome.reason);
    else if (outcome.message) setFailure(outcome.message);
  };
  const cancel = () => (running ? void controller.cancel() : answer({ kind: 'dismissed' }));

  const heatHint = ctx.heatAvailable ? null : 'Run the simulation on the design as it is now to export its heatmap.';
  return (
    <Modal title="Export" onCancel={cancel} testId="dialog-export" className="export-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <fieldset className="export-options" disabled={running}>
          <div className="field">
            <label htmlFor="export-format">Format</label>
            <div className="control">
              <select id="export-format" value={shown.format} onChange={(e) => change({ format: e.target.value as AppExportFormat })} data-autofocus>
                {APP_EXPORT_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {APP_EXPORT_FORMAT_INFO[f].label}
                  </option>
                ))}
              </select>
            </div>
            {simNote ? <span className="hint" data-testid="export-simulation-note">{simNote}</span> : null}
            {toolNote ? <span className="hint" data-testid="export-format-note">{toolNote}</span> : null}
          </div>

          {controls.scope ? (
            <div className="field" role="radiogroup" aria-label="Scope">
              <span className="label">Scope</span>
              <div className="control choices">
                {(
                  [
                    ['all', 'Whole design'],
                    ['view', 'Current view'],
                    ['selection', ctx.selectedElements ? `Selection (${ctx.selectedElements})` : 'Selection'],
                  ] as const
                ).map(([value, label]) => (
                  <label key={value}>
                    <input type="radio" name="export-scope" value={value} checked={shown.scope === value} disabled={value === 'selection' && ctx.selectedElements === 0} onChange={() => change({ scope: value as ExportScope })} />
                    {label}
                  </label>
                ))}
              </div>
            </div>
          ) : null}

          {controls.layers ? (
            <div className="field" role="group" aria-label="Layers">
              <span className="label">Layers</span>
              <div className="control choices">
                {EXPORT_LAYERS.map((l) => (
                  <label key={l}>
                    <input type="checkbox" checked={shown.layers[l]} onChange={(e) => change({ layers: { ...choices.layers, [l]: e.target.checked } })} />
                    {LAYER_LABELS[l]}
                  </label>
                ))}
              </div>
            </div>
          ) : null}

          {controls.problems || controls.heatmap ? (
            <div className="field" role="group" aria-label="Overlays">
              <span className="label">Show</span>
              <div className="control choices column">
                {controls.problems ? (
                  <label>
                    <input type="checkbox" checked={shown.problems} onChange={(e) => change({ problems: e.target.checked })} />
                    {shown.format === 'html' ? 'Validation problems' : 'Problem badges'}
                  </label>
                ) : null}
                {controls.heatmap ? (
                  <label title={heatHint ?? undefined}>
                    <input type="checkbox" checked={shown.heatmap} disabled={!ctx.heatAvailable} onChange={(e) => change({ heatmap: e.target.checked })} />
                    {heatmapLabel(ctx)}
                  </label>
                ) : null}
              </div>
              {controls.heatmap && heatHint ? <span className="hint">{heatHint}</span> : null}
            </div>
          ) : null}

          {controls.png ? (
            <>
              <div className="field">
                <label htmlFor="export-scale">Scale</label>
                <div className="control">
                  <select id="export-scale" value={String(shown.png.scale)} onChange={(e) => change({ png: { ...choices.png, scale: Number(e.target.value) } })}>
                    {PNG_SCALES.map((s) => (
                      <option key={s} value={String(s)}>{`${s}×`}</option>
                    ))}
                  </select>
                </div>
              </div>
              <div className="field">
                <label htmlFor="export-background">Background</label>
                <div className="control">
                  <select id="export-background" value={shown.png.background} onChange={(e) => change({ png: { ...choices.png, background: e.target.value as PngBackground } })}>
                    {PNG_BACKGROUNDS.map((b) => (
                      <option key={b} value={b}>
                        {BACKGROUND_LABELS[b]}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            </>
          ) : null}

          {controls.pdfPage ? (
            <>
              <div className="field">
                <label htmlFor="export-page">Page</label>
                <div className="control">
                  <select id="export-page" value={shown.pdf.page} onChange={(e) => change({ pdf: { ...choices.pdf, page: e.target.value as PageSize } })}>
                    {PAGE_NAMES.map((p) => (
                      <option key={p} value={p}>
                        {pageLabel(p)}
                      </option>
                    ))}
                  </select>
                  <select aria-label="Orientation" value={shown.pdf.orientation} onChange={(e) => change({ pdf: { ...choices.pdf, orientation: e.target.value as DiagramOrientation } })}>
                    <option value="auto">Automatic (larger print)</option>
                    <option value="landscape">Landscape</option>
                    <option value="portrait">Portrait</option>
                  </select>
                </div>
              </div>
              {controls.pdfFit ? (
                <div className="field" role="radiogroup" aria-label="Fit">
                  <span className="label">Fit</span>
                  <div className="control choices">
                    {(
                      [
                        ['page', 'Fit to one page'],
                        ['tile', 'Tile at full size'],
                      ] as const
                    ).map(([value, label]) => (
                      <label key={value}>
                        <input type="radio" name="export-fit" value={value} checked={shown.pdf.fit === value} onChange={() => change({ pdf: { ...choices.pdf, fit: value as PdfFit } })} />
                        {label}
                      </label>
                    ))}
                  </div>
                </div>
              ) : null}
            </>
          ) : null}
        </fieldset>

        {running ? (
          <div className="export-progress" role="status" data-testid="export-progress">
            <progress max={1} value={run.fraction} aria-label="Export progress" />
            <span className="stage">{run.stage}…</span>
          </div>
        ) : problem || failure ? (
          <p className="error" role="alert" data-testid="export-error">
            {problem ?? failure}
          </p>
        ) : null}

        <div className="buttons">
          <button type="button" className="btn" onClick={cancel} disabled={running && run.canceling}>
            {running ? 'Cancel Export' : 'Cancel'}
          </button>
          <button type="submit" className="btn primary" disabled={!!problem || running}>
            Export…
          </button>
        </div>
      </form>
    </Modal>
  );
}
