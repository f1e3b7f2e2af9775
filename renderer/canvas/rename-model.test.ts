import { describe, expect, test } from 'vitest';
import { applyCommand } from '../../shared/history/commands';
import type { Design } from '../../shared/model/design';
import { sceneOf } from '../../shared/scene/scene';
import type { SceneNode } from '../../shared/scene/types';
import { makeTemplate } from '../../shared/templates';
import { checkName, fieldBoxFor, FIELD_LINE_HEIGHT, MIN_FIELD_FONT, MIN_FIELD_WIDTH, nameShapeOf, planRename, renameTargetOf } from './rename-model';

const design: Design = makeTemplate('rack', { hosts: 1, vmsPerHost: 2 });
const scene = sceneOf(design);
const nodeOfKind = (kind: string): SceneNode => scene.nodes.find((n) => n.kind === kind)!;

describe('where the field goes', () => {
  test('the name shape is the bold title the scene draws with the element name', () => {
    for (const kind of ['vm', 'nic', 'host']) {
      const node = nodeOfKind(kind);
      const t = nameShapeOf(node);
      expect(t, kind).not.toBeNull();
      expect(t!.text).toBe(node.name);
      expect(t!.bold).toBe(true);
    }
  });

  test('at 100 % the field covers the drawn name: same left edge and width, text top on the shape top', () => {
    const node = nodeOfKind('vm');
    const t = nameShapeOf(node)!;
    const box = fieldBoxFor(node, { x: 0, y: 0, scale: 1 });
    expect(box.left).toBe(node.x + t.x);
    expect(box.width).toBe(Math.max(MIN_FIELD_WIDTH, t.w));
    expect(box.fontSize).toBe(t.size);
    expect(box.height).toBeCloseTo(t.size * FIELD_LINE_HEIGHT);
    // The line box is centred on the glyphs, so its top sits half the extra leading above the text's top.
    expect(box.top + (box.height - box.fontSize) / 2).toBeCloseTo(node.y + t.y);
    expect(box.bold).toBe(true);
  });

  test('zoom and pan map the name to the screen as the viewport maps the world', () => {
    const node = nodeOfKind('nic');
    const t = nameShapeOf(node)!;
    const vp = { x: 37, y: -12, scale: 2 };
    const box = fieldBoxFor(node, vp);
    expect(box.left).toBeCloseTo((node.x + t.x) * 2 + 37);
    expect(box.fontSize).toBe(t.size * 2);
    expect(box.width).toBe(Math.max(MIN_FIELD_WIDTH, t.w * 2));
    expect(box.top + (box.height - box.fontSize) / 2).toBeCloseTo((node.y + t.y) * 2 - 12);
  });

  test('zoomed far out the field keeps a legible font and a usable width', () => {
    const box = fieldBoxFor(nodeOfKind('vm'), { x: 0, y: 0, scale: 0.1 });
    expect(box.fontSize).toBe(MIN_FIELD_FONT);
    expect(box.width).toBe(MIN_FIELD_WIDTH);
  });
});

describe('which names are accepted', () => {
  test('a name is trimmed', () => {
    expect(checkName('  web-01 ')).toEqual({ ok: true, name: 'web-01' });
  });

  test('an empty or blank name is refused with a reason', () => {
    expect(checkName('')).toEqual({ ok: false, reason: 'A name cannot be empty.' });
    expect(checkName('   ')).toEqual({ ok: false, reason: 'A name cannot be empty.' });
  });

  test('a name longer than the schema allows says the limit and the length', () => {
    const r = checkName('x'.repeat(201));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe('A name can have at most 200 characters (this one has 201).');
    expect(checkName('x'.repeat(200)).ok).toBe(true);
  });
});

describe('what finishing an edit does', () => {
  const vm = nodeOfKind('vm');

  test('a new name is one updateElement command that the history accepts', () => {
    const plan = planRename(design, vm.id, ' db-primary ');
    expect(plan).toEqual({ type: 'rename', command: { type: 'updateElement', id: vm.id, changes: { name: 'db-primary' } } });
    if (plan.type !== 'rename') return;
    const after = applyCommand(design, plan.command).design;
    expect(after.elements[vm.id]!.name).toBe('db-primary');
  });

  test('the same name (even with spaces around it) makes no command', () => {
    expect(planRename(design, vm.id, ` ${vm.name}  `)).toEqual({ type: 'unchanged' });
  });

  test('an invalid name or a vanished element is refused', () => {
    expect(planRename(design, vm.id, '')).toEqual({ type: 'invalid', reason: 'A name cannot be empty.' });
    expect(planRename(design, 'no-such-element', 'x').type).toBe('invalid');
  });
});

describe('what a double click renames', () => {
  test('any element but a server; never a link or empty canvas', () => {
    const vm = nodeOfKind('vm');
    const host = nodeOfKind('host');
    expect(renameTargetOf({ type: 'element', id: vm.id }, design)).toBe(vm.id);
    expect(renameTargetOf({ type: 'element', id: host.id }, design)).toBeNull();
    expect(renameTargetOf({ type: 'link', id: Object.keys(design.links)[0]! }, design)).toBeNull();
    expect(renameTargetOf(null, design)).toBeNull();
  });
});
