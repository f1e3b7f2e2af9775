// Property tests of undo/redo: the History (immer patches) must agree with a reference model that knows
// nothing of patches and simply re-applies the commands that survive.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { History } from './history';
import { applyCommand, type Command } from './commands';
import { arbIntent, counterIds, resolveIntent, type Intent } from './commands.test-support';
import { arbDesign } from '../model/arbitraries.test-support';
import { checkIntegrity, type Design } from '../model/design';
import { elementSchema } from '../model/elements';

const arbStart = arbDesign({ maxElements: 6, maxLinks: 6 });

/** Runs an intent through the history; returns the command when it changed the design. */
function step(h: History, intent: Intent, fresh: (p: string) => string): Command | null {
  const cmd = resolveIntent(intent, h.design, fresh);
  if (!cmd) return null;
  const before = h.design;
  h.execute(cmd);
  return h.design === before ? null : cmd;
}

function replay(d0: Design, cmds: readonly Command[]): Design {
  return cmds.reduce((d, c) => applyCommand(d, c).design, d0);
}

function expectValid(d: Design): void {
  expect(checkIntegrity(d)).toEqual([]);
  for (const el of Object.values(d.elements)) expect(elementSchema.safeParse(el).success).toBe(true);
}

describe('History: undo all / redo all', () => {
  it('undoing every step restores the original; redoing every step restores the final design', () => {
    fc.assert(
      fc.property(arbStart, fc.array(arbIntent, { maxLength: 30, size: 'medium' }), (d0, intents) => {
        const h = new History(d0);
        const fresh = counterIds();
        let steps = 0;
        for (const intent of intents) {
          if (step(h, intent, fresh)) steps++;
          expectValid(h.design);
        }
        const final = h.design;
        let undone = 0;
        while (h.undo()) undone++;
        expect(undone).toBe(steps);
        expect(h.design).toEqual(d0);
        let redone = 0;
        while (h.redo()) redone++;
        expect(redone).toBe(steps);
        expect(h.design).toEqual(final);
      }),
      { numRuns: 150 },
    );
  });
});

type Op = { t: 'cmd'; intent: Intent } | { t: 'undo' } | { t: 'redo' } | { t: 'save' };
const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: arbIntent.map((intent) => ({ t: 'cmd' as const, intent })) },
  { weight: 2, arbitrary: fc.constant({ t: 'undo' as const }) },
  { weight: 2, arbitrary: fc.constant({ t: 'redo' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'save' as const }) },
);

describe('History: interleaved undo, redo, new commands and saves', () => {
  it('agrees with replaying the surviving commands, and tracks the saved point (also on a bounded stack)', () => {
    fc.assert(
      fc.property(arbStart, fc.array(arbOp, { maxLength: 50, size: 'medium' }), fc.constantFrom(500, 2, 5), (d0, ops, limit) => {
        const h = new History(d0, limit);
        const fresh = counterIds();
        // The model: a stack of surviving commands (each with a token and the design after it), a redo stack,
        // and the commands that fell off the bottom of the bounded stack (applied for good).
        const done: { cmd: Command; token: number; after: Design }[] = [];
        const redo: { cmd: Command; token: number }[] = [];
        const committed: Command[] = [];
        let base = { token: 0, design: d0 };
        let nextToken = 1;
        let saved = { token: 0, design: d0 };
        const top = () => done.at(-1)?.token ?? base.token;
        const modelDesign = () => done.at(-1)?.after ?? base.design;
        for (const op of ops) {
          if (op.t === 'undo') {
            expect(h.undo()).toBe(done.length > 0);
            const e = done.pop();
            if (e) redo.push({ cmd: e.cmd, token: e.token });
          } else if (op.t === 'redo') {
            expect(h.redo()).toBe(redo.length > 0);
            const e = redo.pop();
            if (e) done.push({ ...e, after: applyCommand(modelDesign(), e.cmd).design });
          } else if (op.t === 'save') {
            h.markSaved();
            saved = { token: top(), design: h.design };
          } else {
            const cmd = resolveIntent(op.intent, h.design, fresh);
            if (!cmd) continue;
            const r = applyCommand(modelDesign(), cmd);
            h.execute(cmd);
            // A command that changes nothing is not a step and keeps the redo stack.
            if (r.patches.length) {
              done.push({ cmd, token: nextToken++, after: r.design });
              redo.length = 0;
              if (done.length > limit) {
                const dropped = done.shift()!;
                committed.push(dropped.cmd);
                base = { token: dropped.token, design: dropped.after };
              }
            }
          }
          expect(h.design).toEqual(modelDesign());
          expect(h.canUndo()).toBe(done.length > 0);
          expect(h.canRedo()).toBe(redo.length > 0);
          expect(h.isDirty()).toBe(top() !== saved.token);
          if (!h.isDirty()) expect(h.design).toEqual(saved.design);
        }
        // The incremental model must equal a replay from scratch.
        expect(h.design).toEqual(replay(d0, [...committed, ...done.map((e) => e.cmd)]));
      }),
      { numRuns: 150 },
    );
  });
});

describe('History: gestures', () => {
  it('a gesture undoes and redoes as one step', () => {
    fc.assert(
      fc.property(arbStart, fc.array(arbIntent, { maxLength: 5 }), fc.array(arbIntent, { minLength: 1, maxLength: 8 }), (d0, prefix, gesture) => {
        const h = new History(d0);
        const fresh = counterIds();
        let depth = 0;
        for (const i of prefix) if (step(h, i, fresh)) depth++;
        const start = h.design;
        h.beginGesture('Drag');
        let changed = false;
        for (const i of gesture) if (step(h, i, fresh)) changed = true;
        expect(h.inGesture).toBe(true);
        const end = h.design;
        h.endGesture();
        expect(h.inGesture).toBe(false);
        if (changed) {
          expect(h.undoLabel()).toBe('Drag');
          expect(h.undo()).toBe(true);
          expect(h.design).toEqual(start);
          expect(h.redo()).toBe(true);
          expect(h.design).toEqual(end);
          depth++;
        }
        let undone = 0;
        while (h.undo()) undone++;
        expect(undone).toBe(depth);
        expect(h.design).toEqual(d0);
      }),
      { numRuns: 120 },
    );
  });

  it('bail() restores the design at gesture start and leaves no step behind', () => {
    fc.assert(
      fc.property(arbStart, fc.array(arbIntent, { maxLength: 5 }), fc.array(arbIntent, { minLength: 1, maxLength: 8 }), (d0, prefix, gesture) => {
        const h = new History(d0);
        const fresh = counterIds();
        let depth = 0;
        for (const i of prefix) if (step(h, i, fresh)) depth++;
        h.markSaved();
        const start = h.design;
        const label = h.undoLabel();
        h.beginGesture('Drag');
        expect(h.isDirty()).toBe(false);
        for (const i of gesture) step(h, i, fresh);
        h.bail();
        expect(h.inGesture).toBe(false);
        expect(h.design).toEqual(start);
        expect(h.undoLabel()).toBe(label);
        expect(h.isDirty()).toBe(false);
        let undone = 0;
        while (h.undo()) undone++;
        expect(undone).toBe(depth);
        expect(h.design).toEqual(d0);
      }),
      { numRuns: 120 },
    );
  });

  it('undo during a gesture closes it first, so the gesture is what gets undone', () => {
    fc.assert(
      fc.property(arbStart, fc.array(arbIntent, { minLength: 1, maxLength: 6 }), (d0, gesture) => {
        const h = new History(d0);
        const fresh = counterIds();
        h.beginGesture('Edit');
        let changed = false;
        for (const i of gesture) if (step(h, i, fresh)) changed = true;
        expect(h.undo()).toBe(changed);
        expect(h.inGesture).toBe(false);
        expect(h.design).toEqual(d0);
        expect(h.canUndo()).toBe(false);
      }),
      { numRuns: 80 },
    );
  });
});
