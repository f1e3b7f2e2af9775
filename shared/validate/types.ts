/** Rule and diagnostic types of the validator. */
import type { Command } from '../history/commands';
import type { Design } from '../model/design';
import type { Element, ElementOf, ElementKind } from '../model/elements';
import type { Link, LinkOf, LinkKind } from '../model/links';

export type Severity = 'error' | 'warning' | 'info';

/** A mechanical fix: applying `commands` as one undoable step resolves the diagnostic. */
export interface QuickFix {
  label: string;
  commands: Command[];
}

export interface Diagnostic {
  rule: string;
  severity: Severity;
  /** One sentence saying what is wrong and what to do, naming the elements. */
  message: string;
  /** Elements involved, most relevant first. */
  elements: string[];
  /** Links involved. */
  links: string[];
  fix?: QuickFix;
}

/**
 * Where a rule looks. `host` rules see one host and what it contains (and may read elements outside it
 * through the context, which records the dependency); `fabric` rules see the switching fabric as a whole.
 */
export type RuleScope = 'host' | 'fabric';

export interface RuleMeta {
  /** Stable id, e.g. `PCI-003`; never reused once shipped. */
  id: string;
  severity: Severity;
  /** A few words for lists. */
  title: string;
  /** One sentence saying what the rule checks and why it matters. */
  description: string;
  /** Standard clause or document the rule comes from. */
  source: string;
}

export interface HostRule extends RuleMeta {
  scope: 'host';
  check(ctx: HostContext): Diagnostic[];
}

/** The element and link kinds a fabric rule (or a structure kept across passes) depends on. */
export interface Reads {
  elements: readonly ElementKind[];
  links: readonly LinkKind[];
  /**
   * Link kinds whose end elements are read whatever their kind (e.g. a message naming the element at either end of
   * an Ethernet cable, which may be any element): a change to an element with such a link counts as a change.
   */
  linkEnds?: readonly LinkKind[];
  /**
   * For the kinds listed, what is read of an element (of `elements` and of `linkEnds` elements): its fields, or a
   * function picking the parts read (a switch's port speeds, not its port settings). An edit that changes none of it
   * (a NIC's VFs for a rule that reads its ports and name) does not count. An element's arrival, removal, kind and
   * parent always count; a kind not listed counts on any change.
   */
  fields?: ReadFields;
}

/** What is read per element kind (see `Reads.fields`): field names, or a projection compared by value. */
export type ReadFields = { readonly [K in ElementKind]?: readonly (keyof ElementOf<K> & string)[] | ((el: ElementOf<K>) => unknown) };

/**
 * A fabric-scoped rule. Rules that aggregate over every host split their work in two so that an edit costs one
 * host, not the fabric:
 * - `collect(hostCtx)` computes the rule's partial result ("facts") for one host. The engine runs it in the host
 *   pass, so it is recomputed only for the hosts an edit touched (an element read outside the host through the
 *   context makes the host depend on it, as for host rules). Facts must be plain data about the host.
 * - `check(fabricCtx, facts)` combines the facts of every host (keyed by host id) with what it reads of the fabric.
 *   It reruns after an edit that touched a kind in `reads` or changed some host's facts (facts equal to the previous ones,
 *   compared structurally, do not count), so it should stay cheap.
 */
export interface FabricRule<F = unknown> extends RuleMeta {
  scope: 'fabric';
  /**
   * The element and link kinds `check` reads besides the facts. After an edit the rule reruns only when a changed
   * record is of one of these kinds or some host's facts changed (the engine reruns `collect` for every host an edit
   * touches and compares the result with the previous facts); a rule without `reads` reruns after every edit to a
   * fabric-relevant kind.
   */
  reads?: Reads;
  collect?(ctx: HostContext): F;
  /**
   * `changed` names the hosts whose facts were added, replaced or removed since this rule's last check in the session
   * (every host on a pass from scratch): a rule that keeps its combination across passes (`keep`) updates only those.
   */
  check(ctx: FabricContext, facts: ReadonlyMap<string, F>, changed: ReadonlySet<string>): Diagnostic[];
}

export type Rule = HostRule | FabricRule;

/** Read access to the whole design for rules, with the lookups they all need precomputed once. */
export interface DesignView {
  readonly design: Design;
  element(id: string): Element | undefined;
  /** Links touching an element. */
  linksOf(id: string): readonly Link[];
  /** Computes a derived structure once per validation pass and shares it between rules. */
  memo<T>(key: string, make: () => T): T;
}

export interface HostContext extends DesignView {
  readonly host: ElementOf<'host'>;
  /** Elements inside the host, by kind. */
  children<K extends ElementKind>(kind: K): readonly ElementOf<K>[];
  /** Links with at least one end inside the host, by kind. */
  hostLinks<K extends LinkKind>(kind: K): readonly LinkOf<K>[];
  /** Reads an element outside the host, recording that this host's diagnostics depend on it. */
  external(id: string): Element | undefined;
}

export interface FabricContext extends DesignView {
  /** Elements not inside a host (switches, fabric extenders, storage, hosts themselves). */
  topLevel<K extends ElementKind>(kind: K): readonly ElementOf<K>[];
  /** Elements of a kind that no host pass sees: top-level ones and those inside a container that is not a host. */
  outsideHosts<K extends ElementKind>(kind: K): readonly ElementOf<K>[];
  /** Every element of a kind, hosted ones included (VMs, virtual switches, NICs inside their hosts). */
  ofKind<K extends ElementKind>(kind: K): readonly ElementOf<K>[];
  /** Elements inside a host. */
  childrenOf(host: string): readonly Element[];
  /** Each element's index in `ofKind(kind)` (document order), by id: for naming elements in a stable order. */
  positions(kind: ElementKind): ReadonlyMap<string, number>;
  links<K extends LinkKind>(kind: K): readonly LinkOf<K>[];
  /**
   * A derived structure kept across validation passes until an element or link of a kind in `reads` changes (or
   * the design is validated from scratch). It must hold ids and plain values, never element or link objects, which
   * an edit of a kind outside `reads` would leave stale; facts (and the records in them) are the exception, when the
   * rule refreshes them from the `changed` hosts on every check.
   */
  keep<T>(key: string, reads: Reads, make: () => T): T;
}

/** Helper to build a diagnostic with the rule's id and severity. */
export function diag(rule: RuleMeta, message: string, elements: string[], links: string[] = [], fix?: QuickFix, severity = rule.severity): Diagnostic {
  return fix ? { rule: rule.id, severity, message, elements, links, fix } : { rule: rule.id, severity, message, elements, links };
}
