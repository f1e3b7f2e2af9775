/**
 * Collapsing and expanding servers: the four actions (selected servers, all servers), the canvas's chevron
 * and header double click, and revealing elements a collapsed server hides. Each change is one undo step
 * however many servers it touches (shared/scene/collapse.ts plans it).
 */
import { allHosts, hidingHosts, hostsOf, planCollapse } from '../../shared/scene/collapse';
import type { Host } from '../../shared/model/elements';
import { hotspotAt, type HotspotHit } from '../../shared/scene/port-hit';
import type { SceneIndex } from '../../shared/scene/spatial';
import { isSummaryScale } from '../../shared/scene/summary';
import { screenToWorld, type Viewport } from '../../shared/scene/viewport';
import type { AppState, AppStore } from '../state/store';
import type { ActionRegistry } from './registry';

const hasDoc = (s: AppState) => s.doc !== null && !s.busy;
const selectedHosts = (s: AppState): Host[] => (s.doc ? hostsOf(s.doc.design, s.selection.elements) : []);
const anyHost = (s: AppState, collapsed: boolean): boolean => hasDoc(s) && Object.values(s.doc!.design.elements).some((e) => e.kind === 'host' && e.collapsed === collapsed);

/** Collapses (or expands) `hosts` as one undo step; false when none needed it or the command was refused. */
export function setCollapsed(store: AppStore, hosts: readonly Host[], collapsed: boolean): boolean {
  const plan = planCollapse(hosts, collapsed);
  if (!plan) return false;
  return store.execute(plan.commands, { label: plan.label }).ok;
}

/** Collapses the server if it is open, expands it if it is collapsed. */
export function toggleCollapsed(store: AppStore, id: string): void {
  const host = store.getState().doc?.design.elements[id];
  if (host?.kind === 'host') setCollapsed(store, [host], !host.collapsed);
}

/**
 * Makes `ids` visible before they are selected (find by name): the collapsed servers hiding them are
 * expanded, in one undo step. Finding an element is asking to see it; selecting only its server would
 * leave it hidden, and the inspector would show the server instead of what was asked for.
 */
export function revealElements(store: AppStore, ids: readonly string[]): void {
  const design = store.getState().doc?.design;
  if (design) setCollapsed(store, hidingHosts(design, ids), false);
}

/** What the select tool needs for the chevron and header (SelectToolHost.hotspotAt / toggleCollapsed). */
export function collapseToolHost(store: AppStore, view: () => { index: SceneIndex; viewport: Viewport }) {
  return {
    hotspotAt: (x: number, y: number, role: HotspotHit['role']): HotspotHit | null => {
      const { index, viewport } = view();
      const w = screenToWorld(viewport, x, y);
      return hotspotAt(index, w.x, w.y, role, isSummaryScale(viewport.scale));
    },
    toggleCollapsed: (id: string) => toggleCollapsed(store, id),
  };
}

export function registerCollapseActions(r: ActionRegistry, store: AppStore): void {
  // Ctrl/Cmd+↑ folds up, Ctrl/Cmd+↓ unfolds; with Shift for every server. Plain arrows pan the canvas and
  // no other action uses these (definitions.test.ts checks); brackets were avoided because on many layouts
  // they need AltGr, which arrives as Ctrl+Alt.
  r.register({
    name: 'host.collapse',
    label: (s) => (selectedHosts(s).length > 1 ? `Collapse ${selectedHosts(s).length} Servers` : 'Collapse Server'),
    shortcuts: [{ key: 'ArrowUp', mod: true }],
    predicate: (s) => hasDoc(s) && selectedHosts(s).some((h) => !h.collapsed),
    perform: () => void setCollapsed(store, selectedHosts(store.getState()), true),
  });
  r.register({
    name: 'host.expand',
    label: (s) => (selectedHosts(s).length > 1 ? `Expand ${selectedHosts(s).length} Servers` : 'Expand Server'),
    shortcuts: [{ key: 'ArrowDown', mod: true }],
    predicate: (s) => hasDoc(s) && selectedHosts(s).some((h) => h.collapsed),
    perform: () => void setCollapsed(store, selectedHosts(store.getState()), false),
  });
  r.register({
    name: 'host.collapseAll',
    label: () => 'Collapse All Servers',
    shortcuts: [{ key: 'ArrowUp', mod: true, shift: true }],
    predicate: (s) => anyHost(s, false),
    perform: () => void setCollapsed(store, allHosts(store.getState().doc!.design), true),
  });
  r.register({
    name: 'host.expandAll',
    label: () => 'Expand All Servers',
    shortcuts: [{ key: 'ArrowDown', mod: true, shift: true }],
    predicate: (s) => anyHost(s, true),
    perform: () => void setCollapsed(store, allHosts(store.getState().doc!.design), false),
  });
}
