/**
 * The pure parts of renaming in place: where the field goes (exactly over the name the scene draws), which
 * names are accepted, what a finished edit does to the document, and what a double click renames. No DOM,
 * so all of it is unit tested (rename-model.test.ts); RenameField.tsx only wires it to an <input>.
 */
import type { Command } from '../../shared/history/commands';
import type { Design } from '../../shared/model/design';
import { asElementId } from '../../shared/model/ids';
import { nameSchema } from '../../shared/model/units';
import type { Hit } from '../../shared/scene/spatial';
import type { SceneNode, TextShape } from '../../shared/scene/types';
import type { Viewport } from '../../shared/scene/viewport';

/** Smallest font the field uses: zoomed far out, a name drawn at 3 px cannot be edited, so the field grows. */
export const MIN_FIELD_FONT = 11;
/** Narrowest field in CSS pixels, so a short name on a small box still has room to be typed over. */
export const MIN_FIELD_WIDTH = 60;
/** The field's line height as a multiple of its font size (RenameField.tsx sets the same in CSS). */
export const FIELD_LINE_HEIGHT = 1.3;

/** Where the text field sits, in CSS pixels relative to the canvas, and how its text is set. */
export interface FieldBox {
  left: number;
  top: number;
  width: number;
  /** Height of one line of text (the field adds its border around it). */
  height: number;
  fontSize: number;
  bold: boolean;
}

/**
 * The text shape that draws an element's name: the first bold text of its look (describe.ts draws every
 * kind's title that way; subtitles and tags are never bold). Null for a look without one.
 */
export function nameShapeOf(node: SceneNode): TextShape | null {
  for (const s of node.look.shapes) if (s.type === 'text' && s.bold) return s;
  return null;
}

/**
 * The field's box over `node`'s name at `viewport`. The canvas paints text with its top at the shape's y
 * (textBaseline "top"), while an input centres its glyphs in a taller line box, so the box starts half
 * the extra line height above the shape to put the typed text where the drawn name was.
 */
export function fieldBoxFor(node: SceneNode, viewport: Viewport): FieldBox {
  const t = nameShapeOf(node);
  const { scale } = viewport;
  // A look without a drawn name: put the field in the box's top-left corner, as a title would sit.
  const local = t ?? { x: 8, y: 8, w: node.w - 16, size: 12, bold: true };
  const fontSize = Math.max(MIN_FIELD_FONT, local.size * scale);
  const height = fontSize * FIELD_LINE_HEIGHT;
  const textTop = (node.y + local.y) * scale + viewport.y;
  return {
    left: (node.x + local.x) * scale + viewport.x,
    top: textTop - (height - fontSize) / 2,
    width: Math.max(MIN_FIELD_WIDTH, local.w * scale),
    height,
    fontSize,
    bold: local.bold,
  };
}

export type NameCheck = { ok: true; name: string } | { ok: false; reason: string };

/**
 * Whether `raw` may become an element's name, and the name it becomes (trimmed: spaces typed at the ends
 * are never meant). The schema bounds the length; an empty name is refused here although the schema allows
 * it (imported files may have one), because on the canvas a nameless box cannot be told apart or found.
 */
export function checkName(raw: string): NameCheck {
  const name = raw.trim();
  if (name === '') return { ok: false, reason: 'A name cannot be empty.' };
  const parsed = nameSchema.safeParse(name);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const max = issue && issue.code === 'too_big' ? Number(issue.maximum) : null;
    return { ok: false, reason: max !== null ? `A name can have at most ${max} characters (this one has ${name.length}).` : `Not a valid name: ${issue?.message ?? 'unknown reason'}.` };
  }
  return { ok: true, name: parsed.data };
}

export type RenamePlan = { type: 'unchanged' } | { type: 'invalid'; reason: string } | { type: 'rename'; command: Command };

/** What finishing an edit of `id`'s name with `raw` does: nothing, refuse with a reason, or one command. */
export function planRename(design: Design, id: string, raw: string): RenamePlan {
  const el = design.elements[id];
  if (!el) return { type: 'invalid', reason: 'This element no longer exists.' };
  const check = checkName(raw);
  if (!check.ok) return { type: 'invalid', reason: check.reason };
  // An unchanged name makes no undo step (nor marks the design as edited).
  if (check.name === el.name) return { type: 'unchanged' };
  return { type: 'rename', command: { type: 'updateElement', id: asElementId(id), changes: { name: check.name } } };
}

/**
 * The element a double click renames: any element but a server, whose double click toggles its collapse
 * (the select tool handles that); links have no names.
 */
export function renameTargetOf(hit: Hit | null, design: Design): string | null {
  if (!hit || hit.type !== 'element') return null;
  const el = design.elements[hit.id];
  return el && el.kind !== 'host' ? el.id : null;
}
