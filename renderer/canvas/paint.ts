/**
 * The canvas paints with the shared scene painter (shared/scene/paint.ts), the same code the PNG and PDF exports
 * use, so what is exported is what is on screen. Re-exported here so the canvas components import it locally.
 * The canvas's `paintNodes` is the level-of-detail painter: below 50 % zoom servers are drawn as summaries (name
 * and counts, shared/scene/summary.ts) rather than as illegible contents; the live view, the overview bitmap and
 * the minimap all paint through it, so they agree. Exports keep full detail (they can be zoomed).
 */
export { paintLinks, paintLook, paintNodesLod as paintNodes, paintProblems, paintSelection, paintShape, type LinkHeat } from '../../shared/scene/paint';
