/// <reference types="vite/client" />
// docs/topology.md must describe the schemas as they are: every field and allowed value, and an example
// that is exactly test/fixtures/topology/example.json, which loads cleanly and is in canonical form.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import doc from '../../docs/topology.md?raw';
import exampleText from '../../test/fixtures/topology/example.json?raw';
import { exportTopologyJson, importTopologyJson } from './topology';
import { stableStringify } from './stable-json';
import { checkIntegrity, designMetaSchema } from '../model/design';
import { elementSchema, ELEMENT_KINDS } from '../model/elements';
import { baseShape } from '../model/elements/base';
import { LINK_KINDS, linkSchema } from '../model/links';

/** Text of the section that starts with `heading` (a whole line), up to the next heading of that level or above. */
function section(heading: string): string {
  const level = heading.indexOf(' ');
  const lines = doc.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`docs/topology.md has no heading "${heading}"`);
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.indexOf(' ') <= level);
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

interface Names {
  keys: Set<string>;
  values: Set<string>;
}

/** Field names and enum values of a zod schema, through arrays, nullables, optionals and nested objects. */
function namesOf(schema: z.ZodType, out: Names = { keys: new Set(), values: new Set() }): Names {
  const def = (schema as unknown as { def: Record<string, unknown> }).def;
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        out.keys.add(k);
        namesOf(v, out);
      }
      break;
    case 'array':
      namesOf(def.element as z.ZodType, out);
      break;
    case 'nullable':
    case 'optional':
      namesOf(def.innerType as z.ZodType, out);
      break;
    case 'enum':
      for (const v of Object.values(def.entries as Record<string, string>)) out.values.add(String(v));
      break;
    case 'literal':
      for (const v of def.values as unknown[]) if (typeof v === 'string') out.values.add(v);
      break;
  }
  return out;
}

const mentioned = (text: string, name: string) => text.includes(`\`${name}\``);

describe('docs/topology.md example', () => {
  it('is the fixture verbatim', () => {
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.at(-1)).toBe(exampleText);
  });

  it('loads with no repairs and no migrations, and is already in canonical form', () => {
    const r = importTopologyJson(exampleText);
    if (!r.ok) throw new Error(r.reason);
    expect(r.repairs).toEqual([]);
    expect(r.migrations).toEqual([]);
    expect(checkIntegrity(r.design)).toEqual([]);
    expect(exportTopologyJson(r.design)).toBe(exampleText);
  });

  it('shows every kind of virtual attachment and a cable', () => {
    const r = importTopologyJson(exampleText);
    if (!r.ok) throw new Error(r.reason);
    const kinds = new Set(Object.values(r.design.links).map((l) => l.kind));
    expect([...kinds].sort()).toEqual(['ethernet', 'pcie', 'uplink', 'vf', 'vnic']);
  });
});

describe('docs/topology.md covers the schemas', () => {
  it('documents the top level and design metadata', () => {
    const top = section('## Top level');
    for (const k of ['format', 'version', 'elements', 'links', 'meta']) expect(mentioned(top, k), k).toBe(true);
    for (const k of Object.keys(designMetaSchema.shape)) expect(mentioned(top, k), `meta.${k}`).toBe(true);
  });

  it('documents the common element fields and every kind', () => {
    const elements = section('## Elements');
    for (const k of ['kind', ...Object.keys(baseShape)]) expect(mentioned(elements, k), k).toBe(true);
    for (const kind of ELEMENT_KINDS) expect(mentioned(elements, kind), kind).toBe(true);
  });

  it.each(ELEMENT_KINDS.map((k) => [k]))('documents every field and allowed value of %s', (kind) => {
    const text = section(`### \`${kind}\``);
    const schema = elementSchema.options.find((o) => o.shape.kind.value === kind)!;
    const names = namesOf(schema);
    const base = new Set(['kind', ...Object.keys(baseShape)]);
    for (const k of names.keys) if (!base.has(k)) expect(mentioned(text, k), `${kind}.${k}`).toBe(true);
    for (const v of names.values) if (v !== kind) expect(mentioned(text, v), `${kind}: value ${v}`).toBe(true);
  });

  it('documents every link kind, field and allowed value', () => {
    const text = section('## Links');
    for (const kind of LINK_KINDS) {
      expect(mentioned(text, kind), kind).toBe(true);
      const schema = linkSchema.options.find((o) => o.shape.kind.value === kind)!;
      const names = namesOf(schema);
      for (const k of names.keys) expect(mentioned(text, k), `${kind}.${k}`).toBe(true);
      for (const v of names.values) expect(mentioned(text, v), `${kind}: value ${v}`).toBe(true);
    }
  });

  it('states the key order that stableStringify writes', () => {
    const rule = section('## Canonical form')
      .split('\n')
      .find((l) => l.startsWith('2. Keys of every object:'))!;
    const listed = [...rule.split(' first,')[0]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    const shuffled = Object.fromEntries([...listed].reverse().map((k) => [k, 0]));
    expect(Object.keys(JSON.parse(stableStringify({ zeta: 0, ...shuffled, alpha: 0 })))).toEqual([...listed, 'alpha', 'zeta']);
  });
});
