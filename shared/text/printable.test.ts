import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeControls, MESSAGE_MAX, printableLine } from './printable';

describe('escapeControls', () => {
  it('writes each control character as a visible escape', () => {
    expect(escapeControls('port\u001b[2J\neth0')).toBe('port\\x1b[2J\\neth0');
    expect(escapeControls('a\tb\rc\u0000d\u007fe\u009bf')).toBe('a\\tb\\rc\\x00d\\x7fe\\x9bf');
  });

  it('escapes line separators and bidirectional overrides, which move or reorder text', () => {
    expect(escapeControls('a\u2028b\u202eevil\u2066')).toBe('a\\u2028b\\u202eevil\\u2066');
  });

  it('leaves other text as it is, including non-ASCII names', () => {
    const name = 'Zürich rack · 東京 😀 "eth0"';
    expect(escapeControls(name)).toBe(name);
  });
});

describe('printableLine', () => {
  it('is one line with no control character, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (s) => {
        const line = printableLine(s);
        // eslint-disable-next-line no-control-regex
        expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
        expect(line.length).toBeLessThanOrEqual(MESSAGE_MAX);
      }),
      { seed: 17, numRuns: 300 },
    );
  });

  it('cuts a long text with an ellipsis, never inside a surrogate pair', () => {
    const line = printableLine(`${'a'.repeat(8)}${'😀'.repeat(20)}`, 10);
    expect(line).toBe('aaaaaaaa…');
    expect(printableLine('x'.repeat(10_000)).length).toBe(MESSAGE_MAX);
  });

  it('is idempotent: a message escaped twice reads the same', () => {
    const once = printableLine('name\u001b[31m\nred');
    expect(printableLine(once)).toBe(once);
  });
});
