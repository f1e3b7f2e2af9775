/**
 * The canvas paints with the shared scene painter (shared/scene/paint.ts), the same code the PNG and PDF exports
 * use, so what is exported is what is on screen. Re-exported here so the canvas components import it locally.
 */
export { paintLinks, paintLook, paintNodes, paintProblems, paintSelection, paintShape, type LinkHeat } from '../../shared/scene/paint';
