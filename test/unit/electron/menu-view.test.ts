// View ▸ Layers, View ▸ Straight Links and View ▸ Minimap in the native menu: checkbox items that send the renderer's
// actions and show the front window's choices (reported in `window:state`, passed in as MenuOptions.view).
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, DEFAULT_MENU_VIEW, type MenuAction, type MenuOptions } from '../../../electron/app/menu';
import { contract } from '../../../shared/ipc/contract';

type Item = MenuItemConstructorOptions;

function viewMenu(over: Partial<MenuOptions> = {}) {
  const sent: MenuAction[] = [];
  const menu = buildMenuTemplate({ isMac: false, isDev: false, recent: [], send: (a) => sent.push(a), openRecent: () => undefined, theme: 'system', setTheme: () => undefined, ...over });
  const view = menu.find((m) => m.label === '&View')!.submenu as Item[];
  const layers = view.find((i) => i.label === 'Layers')!.submenu as Item[];
  const straight = view.find((i) => i.label === 'Straight Links')!;
  const minimap = view.find((i) => i.label === 'Minimap')!;
  return { layers, straight, minimap, sent };
}

describe('View ▸ Layers and Straight Links', () => {
  it('are checkboxes that send the layer and routing actions, with the renderer’s shortcuts shown', () => {
    const { layers, straight, sent } = viewMenu();
    expect(layers.map((i) => i.type)).toEqual(['checkbox', 'checkbox', 'checkbox']);
    expect(layers.map((i) => i.accelerator)).toEqual(['1', '2', '3']);
    expect(layers.every((i) => i.registerAccelerator === false)).toBe(true);
    for (const i of [...layers, straight]) (i.click as () => void)();
    expect(sent).toEqual(['view.layerPcie', 'view.layerEthernet', 'view.layerVirtual', 'view.straightLinks']);
    expect(straight.type).toBe('checkbox');
  });

  it('show every layer and orthogonal links until the window reports otherwise', () => {
    const fresh = viewMenu();
    expect(fresh.layers.map((i) => i.checked)).toEqual([true, true, true]);
    expect(fresh.straight.checked).toBe(false);
    const reported = viewMenu({ view: { layers: { pcie: true, ethernet: false, virtual: false }, straightLinks: true, minimap: true } });
    expect(reported.layers.map((i) => i.checked)).toEqual([true, false, false]);
    expect(reported.straight.checked).toBe(true);
  });

  it('window:state carries the view choices, and refuses a malformed one', () => {
    const args = contract['window:state'].args;
    expect(args.safeParse([{ name: 'DC', path: null, dirty: false, view: DEFAULT_MENU_VIEW }]).success).toBe(true);
    expect(args.safeParse([{ name: 'DC', path: null, dirty: false }]).success).toBe(true);
    expect(args.safeParse([{ name: 'DC', path: null, dirty: false, view: { layers: { pcie: 'yes' }, straightLinks: true } }]).success).toBe(false);
  });

  it('View ▸ Minimap is a checkbox sending the canvas control’s action, checked as the window reports', () => {
    const { minimap, sent } = viewMenu();
    expect([minimap.type, minimap.checked, minimap.accelerator, minimap.registerAccelerator]).toEqual(['checkbox', true, 'Shift+M', false]);
    (minimap.click as () => void)();
    expect(sent).toEqual(['view.minimap']);
    expect(viewMenu({ view: { ...DEFAULT_MENU_VIEW, minimap: false } }).minimap.checked).toBe(false);
    // A report without the minimap's state is refused, as any malformed view.
    const args = contract['window:state'].args;
    expect(args.safeParse([{ name: 'DC', path: null, dirty: false, view: { layers: DEFAULT_MENU_VIEW.layers, straightLinks: false } }]).success).toBe(false);
  });
});
