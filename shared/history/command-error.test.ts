// Issue #17 item 6: a refused command's message names elements by their names, which are user text: control
// characters show escaped, and a name with nothing visible falls back to the id.
import { describe, expect, it } from 'vitest';
import { makeTemplate } from '../templates';
import { applyCommand, CommandError } from './commands';
import type { ElementId } from '../model/ids';

describe('CommandError messages', () => {
  it('escape control characters and stay one line', () => {
    expect(new CommandError('port p\u001b[2J\nq').message).toBe('port p\\x1b[2J\\nq');
  });

  it('name an element by its escaped name, or by its id when the name shows nothing', () => {
    const d = makeTemplate('single-host');
    const vm = Object.values(d.elements).find((e) => e.kind === 'vm')!;
    const move = (name: string) => {
      const named = applyCommand(d, { type: 'updateElement', id: vm.id as ElementId, changes: { name } }).design;
      try {
        applyCommand(named, { type: 'move', moves: [{ id: vm.id as ElementId, x: Number.NaN, y: 0 }] });
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(move('db\u001b[2J\n1')).toBe('position of db\\x1b[2J\\n1 must be finite');
    expect(move(' \n ')).toBe(`position of ${vm.id} must be finite`);
  });
});
