// The worker's message handler, driven through a fake port: a replica patched message by message validates like
// the design itself, and bad requests answer with one line instead of throwing.
import { describe, expect, it } from 'vitest';
import { History } from '../../shared/history/history';
import { makeTemplate } from '../../shared/templates/index';
import { ALL_RULES, validateDesign } from '../../shared/validate/index';
import type { ValidationRequest, ValidationResponse } from './protocol';
import { createValidationHandler } from './worker-handler';

function fakePort() {
  const out: ValidationResponse[] = [];
  // Structured clone, as postMessage does, so nothing passes by reference by accident.
  const handle = createValidationHandler((m) => out.push(structuredClone(m)));
  return { out, send: (m: ValidationRequest) => handle(structuredClone(m)) };
}

const vswitchOf = (h: History) => Object.values(h.design.elements).find((e) => e.kind === 'vswitch')!;

describe('validation worker handler', () => {
  it('loads a design, follows patches, and answers with the diagnostics of the patched design', () => {
    const h = new History(makeTemplate('single-host'));
    const port = fakePort();
    const patches: ValidationRequest[] = [];
    h.subscribeChanges((c) => c.type === 'patches' && patches.push({ type: 'patch', seq: 2 + patches.length, patches: [...c.patches] }));
    port.send({ type: 'load', seq: 1, design: h.design });
    expect(port.out[0]).toMatchObject({ type: 'result', seq: 1, summary: { error: 0 } });

    h.execute({ type: 'updateElement', id: vswitchOf(h).id, changes: { evbMode: 'vepa' } });
    port.send(patches[0]!);
    const r = port.out[1]!;
    if (r.type !== 'result') throw new Error(r.message);
    expect(r.seq).toBe(2);
    expect(r.diagnostics.map((d) => d.rule)).toContain('EVB-001');
    expect(r.diagnostics).toEqual(validateDesign(h.design, ALL_RULES).diagnostics);

    // Applying the quick fix and undoing it: each answer matches a full validation of the same design.
    const fixed = r.diagnostics.find((d) => d.rule === 'EVB-001')!;
    h.execute(fixed.fix!.commands, `Fix: ${fixed.fix!.label}`);
    port.send(patches[1]!);
    const after = port.out[2] as { diagnostics: { message: string }[] };
    expect(after.diagnostics.map((d) => d.message)).not.toContain(fixed.message);
    expect(after.diagnostics).toEqual(validateDesign(h.design, ALL_RULES).diagnostics);
    h.undo();
    port.send(patches[2]!);
    expect((port.out[3] as { diagnostics: unknown }).diagnostics).toEqual(validateDesign(h.design, ALL_RULES).diagnostics);
  });

  it('answers a patch without a loaded design with an error line, then recovers on load', () => {
    const port = fakePort();
    port.send({ type: 'patch', seq: 5, patches: [{ op: 'replace', path: ['meta', 'name'], value: 'x' }] });
    expect(port.out[0]).toEqual({ type: 'error', seq: 5, message: 'validation has no design to patch; reload it' });
    port.send({ type: 'load', seq: 6, design: makeTemplate('empty') });
    expect(port.out[1]).toMatchObject({ type: 'result', seq: 6 });
  });

  it('turns a patch that does not apply into an error and drops the replica', () => {
    const port = fakePort();
    port.send({ type: 'load', seq: 1, design: makeTemplate('empty') });
    port.send({ type: 'patch', seq: 2, patches: [{ op: 'replace', path: ['elements', 'nope', 'name'], value: 'x' }] });
    const e = port.out[1]!;
    expect(e.type).toBe('error');
    expect((e as { message: string }).message).not.toContain('\n');
    port.send({ type: 'patch', seq: 3, patches: [] });
    expect(port.out[2]).toMatchObject({ type: 'error', seq: 3 });
  });

  it('refuses an unknown request type with one line', () => {
    const port = fakePort();
    port.send({ type: 'nonsense', seq: 9 } as unknown as ValidationRequest);
    expect(port.out[0]).toEqual({ type: 'error', seq: 9, message: 'unknown validation request nonsense' });
  });
});
