/**
 * The check behind every "incremental equals from scratch" property (test-only; imports vitest): apply a sequence of
 * edits, hand each edit's changes (from its patches, as History does) to a ValidationSession, and compare with a
 * validation of a deep copy from scratch, so that no finding cached against a shared record can mask a stale one.
 */
import { expect } from 'vitest';
import { changesFromPatches } from '../history/changes';
import { applyCommand, CommandError, type Command } from '../history/commands';
import type { Design } from '../model/design';
import { ValidationSession, validateDesign, type ValidationResult } from './engine';
import type { Rule } from './types';

// shared/ compiles without DOM or Node types; the test runner (Node) provides the global.
declare const structuredClone: <T>(value: T) => T;

/** Diagnostics in a canonical order, so that ties the engine's sort leaves open do not count as differences. */
export const canonicalDiagnostics = (r: ValidationResult): string[] => r.diagnostics.map((d) => JSON.stringify(d)).sort();

/**
 * Runs `edit` for each step on the design so far (null = nothing to do; a command the command layer refuses is
 * skipped unless `skipRefused` is false, when it fails the test) and expects the incremental result to equal a validation from scratch after every edit.
 */
export function expectIncrementalMatches<S>(
  base: Design,
  rules: readonly Rule[],
  steps: readonly S[],
  edit: (d: Design, step: S, i: number) => Command | null,
  opts: { skipRefused?: boolean } = {},
): void {
  const session = new ValidationSession(rules);
  let d = base;
  session.run(d);
  steps.forEach((s, i) => {
    const cmd = edit(d, s, i);
    if (!cmd) return;
    let applied;
    try {
      applied = applyCommand(d, cmd);
    } catch (err) {
      if (err instanceof CommandError && opts.skipRefused !== false) return;
      throw err;
    }
    d = applied.design;
    expect(canonicalDiagnostics(session.run(d, changesFromPatches(applied.patches))), `after edit ${i} (${JSON.stringify(cmd).slice(0, 200)})`).toEqual(
      canonicalDiagnostics(validateDesign(structuredClone(d), rules)),
    );
  });
}
