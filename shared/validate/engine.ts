/**
 * The validation engine. A full run checks every host (host-scoped rules) and the fabric (fabric-scoped
 * rules). After an edit, `ValidationSession.update` reruns only the hosts the edit touched, the hosts whose
 * rules read a changed element outside themselves, and the fabric rules when fabric elements changed.
 */
import type { Design } from '../model/design';
import type { Element, ElementKind, ElementOf } from '../model/elements';
import type { Link, LinkKind, LinkOf } from '../model/links';
import type { Diagnostic, FabricContext, FabricRule, HostContext, HostRule, ReadFields, Reads, Rule } from './types';
import { sameValue } from './same-value';
import { DesignIndexView, diffDesigns, hostOf, type DesignDiff } from './view';

export interface ValidationSummary {
  error: number;
  warning: number;
  info: number;
}

export interface ValidationResult {
  diagnostics: Diagnostic[];
  summary: ValidationSummary;
}

/** Lists longer than this (old and new together) are compared by identity before merging; shorter ones are merged whole. */
const IDENTITY_DIFF_MIN = 64;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** The order of `sortDiagnostics`: severity, then rule id, then first element, then message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const s = SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  if (s !== 0) return s;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  const ea = a.elements[0] ?? '';
  const eb = b.elements[0] ?? '';
  if (ea !== eb) return ea < eb ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** Diagnostics sorted by severity, then rule id, then first element: a stable order for output and diffs. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort(compareDiagnostics);
}

/** Merges two sorted lists; on ties the entries of `a` come first. */
function mergeSorted(a: readonly Diagnostic[], b: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = new Array<Diagnostic>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compareDiagnostics(b[j]!, a[i]!) < 0 ? b[j++]! : a[i++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

export function summarize(list: readonly Diagnostic[]): ValidationSummary {
  const s = { error: 0, warning: 0, info: 0 };
  for (const d of list) s[d.severity]++;
  return s;
}

// Kinds whose changes can alter fabric-level checks (cabling, switching, tags, tenants, VLANs).
const FABRIC_KINDS: ReadonlySet<ElementKind> = new Set(['host', 'tor', 'fex', 'storage', 'nic', 'vm', 'vswitch']);
const FABRIC_LINKS: ReadonlySet<LinkKind> = new Set(['ethernet', 'sChannel', 'uplink', 'vnic', 'vf']);

/** One element record an edit replaced, added or removed. */
interface RecordChange {
  old: Element | undefined;
  cur: Element | undefined;
  /** Kinds of the links attached to the element (before or after the edit). */
  linkKinds: Set<LinkKind>;
}

/** What one edit changed, as the kinds (and records) that decide which fabric rules and kept structures go stale. */
interface ChangedKinds {
  /** Kinds of every changed element and of every end of a changed link. */
  elements: Set<ElementKind>;
  /** Kinds of the elements at the ends of a changed link, which count whatever fields a rule reads. */
  linkTouched: Set<ElementKind>;
  links: Set<LinkKind>;
  records: RecordChange[];
}

/** True when a changed record differs in what a rule reads of it (`Reads.fields`), or in kind, parent or existence. */
function fieldsDiffer(c: RecordChange, fields: ReadFields | undefined): boolean {
  const { old, cur } = c;
  if (!old || !cur || old.kind !== cur.kind || old.parent !== cur.parent) return true;
  const read = fields?.[cur.kind] as readonly string[] | ((el: Element) => unknown) | undefined;
  if (!read) return true;
  if (typeof read === 'function') return !sameValue(read(old), read(cur));
  const a = old as unknown as Record<string, unknown>;
  const b = cur as unknown as Record<string, unknown>;
  for (const f of read) if (!sameValue(a[f], b[f])) return true;
  return false;
}

const ofKinds = (c: RecordChange, kinds: readonly ElementKind[]) => (c.old !== undefined && kinds.includes(c.old.kind)) || (c.cur !== undefined && kinds.includes(c.cur.kind));

function isStale(reads: Reads | undefined, changed: ChangedKinds): boolean {
  if (!reads) return [...changed.elements].some((k) => FABRIC_KINDS.has(k)) || [...changed.links].some((k) => FABRIC_LINKS.has(k));
  const ends = reads.linkEnds ?? [];
  return (
    reads.links.some((k) => changed.links.has(k)) ||
    ends.some((k) => changed.links.has(k)) ||
    reads.elements.some((k) => changed.linkTouched.has(k)) ||
    changed.records.some((c) => (ofKinds(c, reads.elements) || ends.some((k) => c.linkKinds.has(k))) && fieldsDiffer(c, reads.fields))
  );
}

export class ValidationSession {
  private view: DesignIndexView | null = null;
  private readonly hostRules: HostRule[];
  private readonly fabricRules: FabricRule[];
  /** Fabric rules with a per-host `collect` step. */
  private readonly collectingRules: FabricRule[];
  private hostResults = new Map<string, Diagnostic[]>();
  /** External element id → hosts whose diagnostics read it. */
  private dependents = new Map<string, Set<string>>();
  private hostDeps = new Map<string, Set<string>>();
  private fabricResults = new Map<string, Diagnostic[]>();
  /** Rule id → host id → what the rule's `collect` found in that host. */
  private facts = new Map<string, Map<string, unknown>>();
  /** Rule id → hosts whose facts changed (or went) since the rule last combined them. */
  private changedFacts = new Map<string, Set<string>>();
  /** Structures fabric rules keep across passes (`FabricContext.keep`), with what they read. */
  private kept = new Map<string, { reads: Reads; value: unknown }>();
  /**
   * The sorted diagnostics of the last result, and the lists each unit (host or fabric rule) had before this pass
   * replaced them: a pass re-sorts only what it produced and merges it in, instead of sorting thousands of
   * diagnostics (MIG-001 alone can give one per VM) again. Null until the first result.
   */
  private sorted: Diagnostic[] | null = null;
  private replaced: Diagnostic[][] = [];
  private added: Diagnostic[][] = [];

  constructor(rules: readonly Rule[]) {
    this.hostRules = rules.filter((r): r is HostRule => r.scope === 'host');
    this.fabricRules = rules.filter((r): r is FabricRule => r.scope === 'fabric');
    this.collectingRules = this.fabricRules.filter((r) => r.collect);
    for (const r of this.collectingRules) {
      this.facts.set(r.id, new Map());
      this.changedFacts.set(r.id, new Set());
    }
  }

  /**
   * Validates `design`, reusing the previous run's results for everything the change did not touch. Callers that
   * hold the edit's immer patches (History, applyCommand) should pass `changesFromPatches(patches)` as `changes`:
   * without it the session compares every record of the two designs, which costs more than the revalidation itself
   * on a large design. A null or missing `changes` falls back to that comparison.
   */
  run(design: Design, changes?: DesignDiff | null): ValidationResult {
    if (!this.view) return this.full(design);
    const prev = this.view.design;
    if (prev === design) return this.result();
    const diff = changes ?? diffDesigns(prev, design);
    const view = this.view;
    const hosts = new Set<string>();
    const changed: ChangedKinds = { elements: new Set(), linkTouched: new Set(), links: new Set(), records: [] };
    const touch = (el: Element | undefined) => {
      if (!el) return;
      const h = hostOf(el);
      if (h) hosts.add(h);
      changed.elements.add(el.kind);
      for (const dep of this.dependents.get(el.id) ?? []) hosts.add(dep);
    };
    const get = <T>(rec: Readonly<Record<string, T>>, id: string): T | undefined => (Object.hasOwn(rec, id) ? rec[id] : undefined);
    const records = new Map<string, RecordChange>();
    for (const id of diff.elements) {
      const c: RecordChange = { old: get(prev.elements, id), cur: get(design.elements, id), linkKinds: new Set() };
      records.set(id, c);
      changed.records.push(c);
      touch(c.old);
      touch(c.cur);
      for (const l of view.linksOf(id)) c.linkKinds.add(l.kind);
    }
    const touchEnd = (el: Element | undefined) => {
      touch(el);
      if (el) changed.linkTouched.add(el.kind);
    };
    const touchLink = (l: Link | undefined) => {
      if (!l) return;
      changed.links.add(l.kind);
      touchEnd(get(prev.elements, l.a.element) ?? get(design.elements, l.a.element));
      touchEnd(get(prev.elements, l.b.element) ?? get(design.elements, l.b.element));
    };
    for (const id of diff.links) {
      touchLink(get(prev.links, id));
      touchLink(get(design.links, id));
    }
    view.update(design, diff);
    for (const [id, c] of records) for (const l of view.linksOf(id)) c.linkKinds.add(l.kind);
    for (const [key, k] of this.kept) if (isStale(k.reads, changed)) this.kept.delete(key);
    for (const h of hosts) {
      if (get(design.elements, h)?.kind === 'host') this.runHost(h);
      else this.dropHost(h);
    }
    // A collecting rule combines again when a rerun host's facts changed; facts equal to the previous ones do not count.
    const stale = this.fabricRules.filter((r) => (this.changedFacts.get(r.id)?.size ?? 0) > 0 || isStale(r.reads, changed));
    if (stale.length) this.runFabric(stale);
    return this.result();
  }

  /** Validates from scratch. */
  full(design: Design): ValidationResult {
    this.view = new DesignIndexView(design);
    this.hostResults.clear();
    this.dependents.clear();
    this.hostDeps.clear();
    this.fabricResults.clear();
    this.kept.clear();
    this.sorted = null;
    this.replaced = [];
    this.added = [];
    for (const f of this.facts.values()) f.clear();
    for (const c of this.changedFacts.values()) c.clear();
    for (const id of this.view.hostIds()) this.runHost(id);
    this.runFabric(this.fabricRules);
    return this.result();
  }

  private result(): ValidationResult {
    let diagnostics: Diagnostic[];
    if (this.sorted === null) {
      diagnostics = [];
      for (const list of this.hostResults.values()) for (const d of list) diagnostics.push(d);
      for (const list of this.fabricResults.values()) for (const d of list) diagnostics.push(d);
      sortDiagnostics(diagnostics);
    } else {
      const gone = new Set<Diagnostic>();
      for (const list of this.replaced) for (const d of list) gone.add(d);
      const fresh: Diagnostic[] = [];
      for (const list of this.added) for (const d of list) fresh.push(d);
      // A diagnostic object a rule handed back unchanged (cached facts) is both gone and fresh: keep it once.
      const kept = gone.size ? this.sorted.filter((d) => !gone.has(d)) : this.sorted;
      diagnostics = fresh.length ? mergeSorted(kept, sortDiagnostics(fresh)) : kept;
    }
    this.replaced = [];
    this.added = [];
    // Callers own the returned list (they may sort or splice it); the session keeps its own copy.
    this.sorted = [...diagnostics];
    return { diagnostics, summary: summarize(diagnostics) };
  }

  /** Records that a unit's diagnostics changed from `old` to `cur`, for the merge in `result`. */
  private replace(old: Diagnostic[] | undefined, cur: Diagnostic[] | undefined): void {
    if (old === cur || this.sorted === null) return;
    if (old?.length && cur?.length && old.length + cur.length > IDENTITY_DIFF_MIN) {
      // A rule that keeps its findings across passes (MIG-001 gives one per VM) hands most of them back as the same
      // objects: merge only the ones that came or went instead of re-sorting thousands.
      const inOld = new Set(old);
      const inCur = new Set(cur);
      const gone = old.filter((d) => !inCur.has(d));
      const fresh = cur.filter((d) => !inOld.has(d));
      if (gone.length) this.replaced.push(gone);
      if (fresh.length) this.added.push(fresh);
      return;
    }
    if (old?.length) this.replaced.push(old);
    if (cur?.length) this.added.push(cur);
  }

  private forgetDeps(id: string): void {
    for (const ext of this.hostDeps.get(id) ?? []) this.dependents.get(ext)?.delete(id);
    this.hostDeps.delete(id);
  }

  private dropHost(id: string): void {
    this.replace(this.hostResults.get(id), undefined);
    this.hostResults.delete(id);
    for (const [rule, f] of this.facts) if (f.delete(id)) this.changedFacts.get(rule)!.add(id);
    this.forgetDeps(id);
  }

  private runHost(id: string): void {
    const view = this.view!;
    this.forgetDeps(id);
    const deps = new Set<string>();
    const ctx = makeHostContext(view, view.design.elements[id] as ElementOf<'host'>, deps);
    const out: Diagnostic[] = [];
    for (const rule of this.hostRules) for (const d of rule.check(ctx)) out.push(d);
    this.replace(this.hostResults.get(id), out);
    this.hostResults.set(id, out);
    for (const rule of this.collectingRules) {
      const facts = this.facts.get(rule.id)!;
      const cur = rule.collect!(ctx);
      // Keep the previous object when nothing changed: the rule then need not combine again, and findings cached
      // against the old facts stay valid.
      if (facts.has(id) && sameValue(facts.get(id), cur)) continue;
      facts.set(id, cur);
      this.changedFacts.get(rule.id)!.add(id);
    }
    this.hostDeps.set(id, deps);
    for (const ext of deps) {
      let set = this.dependents.get(ext);
      if (!set) this.dependents.set(ext, (set = new Set()));
      set.add(id);
    }
  }

  private runFabric(rules: readonly FabricRule[]): void {
    const ctx = makeFabricContext(this.view!, this.kept);
    const none: ReadonlyMap<string, unknown> = new Map();
    for (const rule of rules) {
      const changed = this.changedFacts.get(rule.id);
      if (changed) this.changedFacts.set(rule.id, new Set());
      const out = rule.check(ctx, this.facts.get(rule.id) ?? none, changed ?? NO_HOSTS);
      this.replace(this.fabricResults.get(rule.id), out);
      this.fabricResults.set(rule.id, out);
    }
  }
}

const NO_HOSTS: ReadonlySet<string> = new Set();

function makeMemo(): <T>(key: string, make: () => T) => T {
  const cache = new Map<string, unknown>();
  return <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
}

function makeHostContext(view: DesignIndexView, host: ElementOf<'host'>, deps: Set<string>): HostContext {
  const children = view.childrenOf(host.id);
  const byKind = new Map<ElementKind, Element[]>();
  // The children by id, and their links once read: rules look them up thousands of times per host, and a map of a
  // few dozen entries stays in cache where the design's 250,000-key record and the view's link map do not.
  const index = new Map<string, number>();
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    index.set(c.id, i);
    const list = byKind.get(c.kind);
    if (list) list.push(c);
    else byKind.set(c.kind, [c]);
  }
  const childLinks: (readonly Link[] | undefined)[] = new Array<readonly Link[] | undefined>(children.length);
  const linksOfChild = (i: number): readonly Link[] => (childLinks[i] ??= view.linksOf(children[i]!.id));
  let linksByKind: Map<LinkKind, Link[]> | null = null;
  const hostLinks = () => {
    if (linksByKind) return linksByKind;
    linksByKind = new Map();
    // A link between two children is listed by both: keep it where the first of them lists it. Indexing the
    // children allocates less than a set of every link id, and this runs for each of 10,000 hosts on a full pass.
    for (let i = 0; i < children.length; i++) {
      const id = children[i]!.id;
      for (const l of linksOfChild(i)) {
        const j = index.get(l.a.element === id ? l.b.element : l.a.element);
        if (j !== undefined && j < i) continue;
        const list = linksByKind.get(l.kind);
        if (list) list.push(l);
        else linksByKind.set(l.kind, [l]);
      }
    }
    return linksByKind;
  };
  const memo = makeMemo();
  return {
    design: view.design,
    memo,
    host,
    element: (id) => {
      // Inside the host means the host itself or an element whose parent it is (what childrenOf lists): anything
      // else is a dependency, a missing id too (its arrival must rerun the host).
      const i = index.get(id);
      if (i !== undefined) return children[i];
      if (id === host.id) return host;
      deps.add(id);
      return view.element(id);
    },
    external: (id) => {
      deps.add(id);
      return view.element(id);
    },
    linksOf: (id) => {
      const i = index.get(id);
      return i !== undefined ? linksOfChild(i) : view.linksOf(id);
    },
    children: <K extends ElementKind>(kind: K) => (byKind.get(kind) ?? []) as ElementOf<K>[],
    hostLinks: <K extends LinkKind>(kind: K) => (hostLinks().get(kind) ?? []) as LinkOf<K>[],
  };
}

function makeFabricContext(view: DesignIndexView, kept: Map<string, { reads: Reads; value: unknown }>): FabricContext {
  // The per-kind lists are the view's own, kept current across passes, so a pass copies none of them.
  return {
    design: view.design,
    memo: makeMemo(),
    element: (id) => view.element(id),
    linksOf: (id) => view.linksOf(id),
    topLevel: <K extends ElementKind>(kind: K) => view.topLevelOfKind(kind),
    outsideHosts: <K extends ElementKind>(kind: K) => view.outsideHosts(kind),
    ofKind: <K extends ElementKind>(kind: K) => view.ofKind(kind),
    childrenOf: (host) => view.childrenOf(host),
    positions: (kind) => view.positionsOf(kind),
    keep: <T>(key: string, reads: Reads, make: () => T): T => {
      let k = kept.get(key);
      if (!k) kept.set(key, (k = { reads, value: make() }));
      return k.value as T;
    },
    links: <K extends LinkKind>(kind: K) => view.linksOfKind(kind),
  };
}

/** Validates a design once (CLI, tests). */
export function validateDesign(design: Design, rules: readonly Rule[]): ValidationResult {
  return new ValidationSession(rules).full(design);
}
