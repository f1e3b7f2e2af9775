import { describe, expect, test } from 'vitest';
import { asElementId } from '../../shared/model/ids';
import { makeTemplate } from '../../shared/templates';
import { AppStore } from './store';

const design = () => makeTemplate('single-host', { vmsPerHost: 2 });

describe('AppStore', () => {
  test('edits go through history: dirty, undo labels, saved marker', () => {
    const store = new AppStore();
    store.openDesign(design(), null);
    expect(store.getState().doc).toMatchObject({ dirty: false, undoLabel: null });
    expect(store.execute({ type: 'updateElement', id: asElementId('r01.h001.vm01'), changes: { name: 'a' } }, { label: 'Rename' })).toEqual({ ok: true });
    expect(store.getState().doc).toMatchObject({ dirty: true, undoLabel: 'Rename', version: 1 });
    store.markSaved('/tmp/x.rackplane', 1);
    expect(store.getState().doc).toMatchObject({ dirty: false, path: '/tmp/x.rackplane' });
    expect(store.revision).toBe(1);
    store.history!.undo();
    expect(store.getState().doc).toMatchObject({ dirty: true, redoLabel: 'Rename' });
  });

  test('a refused command changes nothing and its reason is reported (or returned quietly)', () => {
    const store = new AppStore();
    store.openDesign(design(), null);
    const before = store.getState().doc!.design;
    const r = store.execute({ type: 'updateElement', id: asElementId('r01.h001'), changes: { memoryGiB: -1 } }, { quiet: true });
    expect(r.ok).toBe(false);
    expect(store.getState().doc!.design).toBe(before);
    expect(store.getState().message).toBeNull();
    store.execute({ type: 'updateElement', id: asElementId('nope'), changes: { name: 'x' } });
    expect(store.getState().message).toMatchObject({ tone: 'error', text: 'element nope does not exist' });
    // A later edit that goes through clears the refusal: it no longer describes the design.
    store.execute({ type: 'updateElement', id: asElementId('r01.h001'), changes: { memoryGiB: 256 } });
    expect(store.getState().message).toBeNull();
    // Other messages stay until they time out (the status bar's timer) or are replaced.
    store.notify('Saved');
    store.history!.undo();
    expect(store.getState().message).toMatchObject({ text: 'Saved' });
  });

  test('recovered work is dirty until saved; the selection never names deleted items', () => {
    const store = new AppStore();
    store.openDesign(design(), '/tmp/r.rackplane', { unsaved: true });
    expect(store.getState().doc!.dirty).toBe(true);
    store.select({ elements: new Set(['r01.h001.vm02', 'r01.h001']), links: new Set() });
    store.execute({ type: 'remove', elements: [asElementId('r01.h001.vm02')], links: [] });
    expect([...store.getState().selection.elements]).toEqual(['r01.h001']);
    store.markSaved('/tmp/r.rackplane', 3);
    expect(store.getState().doc!.dirty).toBe(false);
  });

  test('a dialog resolves with its answer; a newer dialog dismisses an older one', async () => {
    const store = new AppStore();
    const first = store.ask({ kind: 'newDesign' });
    const second = store.ask({ kind: 'unsaved', name: 'n', action: 'closing' });
    expect(await first).toEqual({ kind: 'dismissed' });
    store.answer(store.getState().dialog!.id, { kind: 'save' });
    expect(await second).toEqual({ kind: 'save' });
    expect(store.getState().dialog).toBeNull();
  });

  test('messages keep one line', () => {
    const store = new AppStore();
    store.error('cannot open: bad file\n    at foo (bar.js:1:2)');
    expect(store.getState().message?.text).toBe('cannot open: bad file');
  });
});
