// The panel's counts read as English: one flow, never "1 flows" (the run bar said so before).
import { expect, test } from 'vitest';
import { counted } from './counts';

test('singular for one, plural otherwise, with the locale grouping for large counts', () => {
  expect(counted(1, 'flow')).toBe('1 flow');
  expect(counted(0, 'migration')).toBe('0 migrations');
  expect(counted(2, 'failure')).toBe('2 failures');
  expect(counted(12000, 'flow')).toBe(`${(12000).toLocaleString()} flows`);
  expect(counted(3, 'link direction', 'link directions')).toBe('3 link directions');
});
