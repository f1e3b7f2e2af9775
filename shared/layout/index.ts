/** Automatic layout (elkjs, engine passed in): graph building, the two-stage run, and its one undoable command. */
export { arrange, arrangedTops, ArrangeCancelled, type ArrangeOptions, type ArrangeResult, type LayoutEngine } from './arrange';
export { arrangeCommand, topBoxes } from './apply';
export { needsLayout } from './placement';
export { HOST_MIN, HOST_PADDING } from './graph';
