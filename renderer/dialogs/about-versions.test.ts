// Help › About lists the app's runtime versions under the names users know (electron/main.ts sends
// process.versions' electron, chrome, node and v8).
import { describe, expect, it } from 'vitest';
import { aboutVersionRows } from './about-versions';

describe('aboutVersionRows', () => {
  it('names Electron, Chromium, Node.js and V8 in that order', () => {
    expect(aboutVersionRows({ v8: '14.2.231', node: '22.20.0', chrome: '142.0.7444.59', electron: '39.1.0' })).toEqual([
      { label: 'Electron', value: '39.1.0' },
      { label: 'Chromium', value: '142.0.7444.59' },
      { label: 'Node.js', value: '22.20.0' },
      { label: 'V8', value: '14.2.231' },
    ]);
  });

  it('skips what is missing and keeps unknown components after the known ones', () => {
    expect(aboutVersionRows({ sqlite: '3.50.4', node: '20.20.2', chrome: '' })).toEqual([
      { label: 'Node.js', value: '20.20.2' },
      { label: 'sqlite', value: '3.50.4' },
    ]);
    expect(aboutVersionRows({})).toEqual([]);
  });
});
