// Issue #17 item 6: a message quoting file content shows its control characters escaped, on one line, in the status
// bar and the toast (both read the store's message).
import { describe, expect, test } from 'vitest';
import { AppStore } from './store';

describe('store messages', () => {
  test('escape control characters from file content instead of cutting the message at a newline', () => {
    const store = new AppStore();
    store.error('Cannot open this design: link l-1 ends at port p\u001b[2J\nq of h');
    expect(store.getState().message?.text).toBe('Cannot open this design: link l-1 ends at port p\\x1b[2J\\nq of h');
  });

  test('still drop a stack trace appended to an error', () => {
    const store = new AppStore();
    store.notify('failed: x\n    at f (a.js:1:1)\n    at g (b.js:2:2)', 'error');
    expect(store.getState().message?.text).toBe('failed: x');
  });
});
