/** The scene: how a design is drawn, independent of the drawing technology (canvas now, SVG/PDF later). */
export * from './types';
export * from './palette';
export * from './format';
export * from './labels';
export { describeElement, KIND_COLORS, KIND_SIZES, PORT_SIDES } from './describe';
export { linkStyle, routeBetween, type LinkStyle } from './routing';
export { sceneOf, lookOf, pathBounds } from './scene';
export { patchScene } from './incremental';
export { SceneIndex, distanceToPolyline, type Hit } from './spatial';
export * from './viewport';
export { problemShapes, PROBLEM_COLORS, type ProblemLevel } from './problems';
