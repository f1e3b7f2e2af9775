/**
 * Exports of a design for people and other tools: the SVG diagram (reopenable), the draw.io diagram, the Graphviz
 * DOT topology, the BOM CSV and the HTML report;
 * the selection and painter that the PNG and PDF renderers (electron/export/) draw with.
 */
export { designToSvg, svgToDesign, EXPORT_LAYERS, elementLayer, linkLayer, SVG_METADATA_NS, type ExportLayer, type SvgOptions } from './svg';
export { bomCsv, bomRows, csvField, BOM_COLUMNS, BOM_CATEGORIES, type BomRow, type BomCategory } from './bom';
export { designReportHtml, REPORT_CSP, type ReportOptions } from './report-html';
export { selectDiagram, DIAGRAM_MARGIN, type DiagramOptions, type DiagramSelection } from './selection';
export { paintDiagram, type PaintDiagramOptions } from './paint-diagram';
export { diagramLabels } from './labels';
export { designToDrawio, drawioIds, DRAWIO_LAYER_NAMES, type DrawioOptions, type DrawioLayer } from './drawio';
export { designToDot, dotEdgeLabel, dotString, LINK_KIND_NAMES, type DotOptions } from './dot';
