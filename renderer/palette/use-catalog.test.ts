import { describe, expect, test } from 'vitest';
import { BUILTIN_CATALOG, type CatalogEntry } from '../../shared/catalog';
import type { RackplaneApi } from '../../shared/ipc/contract';
import { CatalogClient, onCatalogChange } from '../catalog/catalog-client';

/** A main process whose catalog is the built-ins plus what was added, as the real handlers answer. */
function fakeApi(): RackplaneApi {
  let mine: CatalogEntry[] = [];
  const invoke = async (channel: string, ...args: unknown[]) => {
    if (channel === 'catalog:add') mine = [...mine, { ...(args[0] as CatalogEntry), user: true }];
    else if (channel === 'catalog:remove') mine = mine.filter((e) => e.id !== args[0]);
    else if (channel !== 'catalog:list') return { ok: false, reason: `unexpected ${channel}` };
    return { ok: true, value: [...BUILTIN_CATALOG, ...mine] };
  };
  return { invoke, on: () => () => undefined } as unknown as RackplaneApi;
}

describe('catalog change feed (what keeps the palette current)', () => {
  test("every client's successful add and remove reaches the listeners with the whole catalog; failures do not", async () => {
    const api = fakeApi();
    const dialogClient = new CatalogClient(api);
    const seen: number[] = [];
    const stop = onCatalogChange((entries) => seen.push(entries.filter((e) => e.user).length));
    const nic = { ...BUILTIN_CATALOG.find((e) => e.kind === 'nic')!, id: 'acme-x2', user: false };
    await dialogClient.add(nic);
    await new CatalogClient(api).list();
    await dialogClient.remove('acme-x2');
    expect(await new CatalogClient(undefined).list()).toMatchObject({ ok: false });
    expect(seen).toEqual([1, 1, 0]);
    stop();
    await dialogClient.add(nic);
    expect(seen).toEqual([1, 1, 0]);
  });
});
