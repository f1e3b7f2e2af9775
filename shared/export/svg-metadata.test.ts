// Issue #17 items 5 and 7: the design is read only from the document's <metadata>, never from a comment or CDATA
// elsewhere, and damaged or hostile markup fails after one pass over the text with a one-line reason.
import { describe, expect, it } from 'vitest';
import { exportTopologyJson } from '../formats/topology';
import { makeTemplate } from '../templates';
import { designToSvg, svgToDesign } from './svg';
import { findEmbeddedDesign, MAX_SVG_DEPTH } from './svg-metadata';

const design = makeTemplate('single-host');
const svg = designToSvg(design);
const json = JSON.stringify(JSON.parse(exportTopologyJson(design)));
const other = JSON.stringify({ ...JSON.parse(json), meta: { name: 'planted', description: '', revision: 0 } });

function reason(text: string): string {
  const r = svgToDesign(text);
  if (r.ok) throw new Error('expected a refusal');
  expect(r.reason).not.toMatch(/[\n\r]/);
  return r.reason;
}

describe('where the design is read from', () => {
  it('reopens an exported SVG, also with a byte-order mark', () => {
    const r = svgToDesign(`\ufeff${svg}`);
    expect(r.ok && exportTopologyJson(r.design)).toBe(exportTopologyJson(design));
  });

  it('ignores a design inside a comment, a CDATA section or a processing instruction', () => {
    for (const wrap of [(s: string) => `<!-- ${s} -->`, (s: string) => `<text><![CDATA[${s}]]></text>`, (s: string) => `<?pi ${s} ?>`]) {
      const planted = wrap(`<metadata><rackplane-design><![CDATA[${other}]]></rackplane-design></metadata>`);
      const text = svg.replace('<metadata>', `${planted}<metadata>`);
      const r = svgToDesign(text);
      expect(r.ok && r.design.meta.name).toBe(design.meta.name);
      // With the real metadata gone, the planted one is not found either.
      expect(reason(wrap(`<svg>${planted}</svg>`).replace(/^.*?<svg>/, '<svg>'))).toMatch(/holds no Rackplane design/);
    }
  });

  it('ignores a design element outside <metadata>', () => {
    expect(reason(`<svg><g><rackplane-design><![CDATA[${json}]]></rackplane-design></g></svg>`)).toMatch(/holds no Rackplane design/);
  });

  it('steps over a DOCTYPE with an internal subset and attributes holding ">"', () => {
    const text = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "<metadata>">]><svg data-x="a>b"><metadata id='m>'><rp:rackplane-design xmlns:rp="x">${json.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</rp:rackplane-design></metadata></svg>`;
    expect(findEmbeddedDesign(text)).toEqual({ ok: true, json });
  });

  it('refuses a file whose root is not <svg>', () => {
    expect(reason('<html><svg><metadata><rackplane-design/></metadata></svg></html>')).toMatch(/^not an SVG file/);
    expect(reason('<!-- <svg> -->')).toMatch(/^not an SVG file/);
  });
});

describe('damaged markup fails fast, in one line', () => {
  it('an unclosed <rackplane-design>', () => {
    expect(reason(`<svg><metadata><rackplane-design><![CDATA[${json}]]>`)).toBe('not a complete SVG file: its <rackplane-design> element is not closed (the file may be cut short)');
    expect(reason(`<svg><metadata><rackplane-design><![CDATA[${json}`)).toMatch(/a CDATA section in its <rackplane-design> element is not closed/);
  });

  it('200,000 unclosed <rackplane-design> tags', () => {
    expect(reason(`<svg xmlns="http://www.w3.org/2000/svg">${'<rackplane-design>'.repeat(200_000)}`)).toBe(`not a usable SVG file: its elements are nested more than ${MAX_SVG_DEPTH} deep`);
    expect(reason(`<svg><metadata>${'<rackplane-design>'.repeat(200_000)}`)).toMatch(/holds an element <rackplane-design>/);
  });

  it('unclosed comments, sections and tags', () => {
    expect(reason(`<svg><!-- ${'<metadata>'.repeat(50_000)}`)).toMatch(/a comment is not closed/);
    expect(reason(`<svg><![CDATA[${'x'.repeat(50_000)}`)).toMatch(/a CDATA section is not closed/);
    expect(reason(`<svg><metadata a="${'>'.repeat(50_000)}`)).toMatch(/a <metadata> tag is not closed/);
  });

  it('a design element holding another element, or ended by another tag', () => {
    expect(reason('<svg><metadata><rackplane-design><b/></rackplane-design></metadata></svg>')).toMatch(/damaged: <rackplane-design> holds an element <b\/?>/);
    expect(reason('<svg><metadata><rackplane-design>{}</metadata></svg>')).toMatch(/damaged: <rackplane-design> ends with <\/metadata>/);
  });

  it('escapes control characters a reason quotes from the file', () => {
    expect(reason('<svg><metadata><rackplane-design><b\u001b[2J/></rackplane-design></metadata></svg>')).toContain('<b\\x1b[2J>');
  });
});
