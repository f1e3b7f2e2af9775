/**
 * Long scene work (building a 10,000-host fabric's scene, its spatial index) written as generators that yield their
 * progress (0–1) every so many items, so the same code runs to completion at once (the CLI, the exports, small
 * designs) or a slice at a time between frames (the canvas opening a large design, renderer/canvas/scene-build.ts).
 */

/** Work that yields its progress (0–1) now and then and returns `T`. */
export type Steps<T> = Generator<number, T, void>;

/** Runs `steps` to the end and returns its result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** `steps` with its progress mapped onto `from`–`to` of a larger job's. */
export function* scaled<T>(steps: Steps<T>, from: number, to: number): Steps<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    yield from + (to - from) * r.value;
  }
}
