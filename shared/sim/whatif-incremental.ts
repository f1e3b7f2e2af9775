/**
 * The what-if fast path: the runs of whatif.ts without rebuilding everything per failure. The contract is that a
 * run here is `simulate(design, { ...scenario, failures: [...own, failure] })`, result for result (whatif.test.ts and
 * whatif-incremental.test.ts hold it to that, deep-equal). How it gets there:
 *  - the baseline network is built once, and each failure's network is derived from it (whatif-network.ts), with the
 *    failure's links found through indexes (whatif-downlinks.ts) instead of a scan of the design;
 *  - the baseline resolves every flow once, noting what each read (whatif-deps.ts); a failure re-resolves only the
 *    flows whose reads it changes, and every other flow keeps its baseline path, renumbered to the failed network;
 *  - migrations (few, and stateful) are set up afresh in every run, and the max-min event run is done whole on the
 *    same instance `simulate` builds (same resources, same order), so rates, bottlenecks and ties come out identical.
 * A failure the derived network cannot answer exactly (PartialRemoval: a VM or virtual switch losing some of its
 * attachment or uplink links but not all, which only a failure naming such a link does) runs through `simulate`
 * instead, as would a kept path found crossing a removed link (MissedChange, a guard: the tests expect none).
 */
import type { Design } from '../model/design';
import { applyFailures, type Failure, type FailedDesign } from './failures';
import { buildNetwork } from './network';
import { resolveFlow, SwitchRouter, type Resolved } from './paths';
import { simulate, simulateOn, type Scenario, type SimulationResult } from './simulate';
import { DependencyLog, RecordingRouter, changedKeys, recordingNetwork } from './whatif-deps';
import { failureIndex, type FailureIndex } from './whatif-downlinks';
import { baseNetwork, networkWithout, PartialRemoval, type BaseNetwork } from './whatif-network';

/** How a failure's run was made, for tests and the benchmark. */
export interface RunStats {
  /** Flows resolved again (the others kept their baseline path); -1 when the run fell back to `simulate`. */
  reresolved: number;
}

/** A kept path crosses a removed link: a read the dependency log missed. Never expected; the run falls back. */
class MissedChange extends Error {
  override name = 'MissedChange';
}

export class IncrementalWhatIf {
  /** The baseline run: `simulate(design, scenario)`. */
  readonly baseline: SimulationResult;
  private readonly own: FailedDesign;
  private readonly base: BaseNetwork;
  private readonly baseRouter: SwitchRouter;
  private readonly log = new DependencyLog();
  /** Each flow's baseline resolution (null when its end's host was down: not resolved). */
  private readonly resolved: (Resolved | null)[];
  private readonly failures: FailureIndex;
  private readonly switches: string[];
  /** Each flow's largest resource index on its baseline path (-1 when none or dropped). */
  private readonly maxIndex: Int32Array;
  /** Per flow, its baseline resolution renumbered for the current run (see `fast`). */
  private readonly scratch: (Extract<Resolved, { ok: true }> | undefined)[] = [];

  constructor(
    private readonly design: Design,
    private readonly scenario: Scenario,
  ) {
    this.own = applyFailures(design, scenario.failures ?? []);
    const net = buildNetwork(this.own.design, { maxPayload: scenario.maxPayload });
    this.base = baseNetwork(net);
    this.baseRouter = new SwitchRouter(net);
    this.failures = failureIndex(design);
    this.switches = Object.values(design.elements)
      .filter((e) => e.kind === 'tor' || e.kind === 'fex')
      .map((e) => e.id);
    let router: RecordingRouter | null = null;
    const recNet = recordingNetwork(net, this.log, () => router!);
    router = new RecordingRouter(recNet, this.log);
    const rec = router;
    this.resolved = scenario.flows.map(() => null);
    this.baseline = simulateOn(
      design,
      scenario,
      {
        failed: this.own,
        net,
        router: new SwitchRouter(net),
        resolve: (f, i) => {
          this.log.begin(i);
          try {
            return (this.resolved[i] = resolveFlow(recNet, rec, f));
          } finally {
            this.log.begin(-1);
          }
        },
      },
      {},
    );
    this.maxIndex = Int32Array.from(this.resolved, (r) => (r?.ok ? r.resources.reduce((m, x) => Math.max(m, x), -1) : -1));
  }

  /** The run with `failure` added to the scenario's failures (expectations dropped, as what-if does). */
  run(failure: Failure, stats?: RunStats): SimulationResult {
    const scenario: Scenario = { ...this.scenario, failures: [...(this.scenario.failures ?? []), failure], expectations: undefined };
    try {
      return this.fast(failure, scenario, stats);
    } catch (e) {
      if (!(e instanceof PartialRemoval || e instanceof MissedChange)) throw e;
      if (stats) stats.reresolved = -1;
      return simulate(this.design, scenario);
    }
  }

  private fast(failure: Failure, scenario: Scenario, stats?: RunStats): SimulationResult {
    const own = this.own;
    const hit = this.failures.linksDown(failure);
    const baseLinks = this.base.net.design.links;
    // Links this failure takes down that the scenario's own failures left up.
    const removed = new Set(hit.links.filter((id) => Object.hasOwn(baseLinks, id)));
    const downHosts = hit.host === null || own.downHosts.has(hit.host) ? own.downHosts : new Set([...own.downHosts, hit.host]);
    const downLinks = [...new Set([...own.downLinks, ...hit.links])].sort();
    const design = withoutLinks(this.own.design, removed);
    const { net, rank } = networkWithout(this.base, removed, design);
    const router = new SwitchRouter(net);

    const at = rank.indexOf(-1);
    const firstRemoved = at < 0 ? Infinity : at;
    const stale = new Uint8Array(this.scenario.flows.length);
    const basePaths = this.baseline.flows;
    let reresolved = 0;
    if (removed.size) {
      for (const k of changedKeys(this.log, this.base.net, removed, this.baseRouter, router, this.switches)) for (const f of this.log.flowsOf[k]!) stale[f] = 1;
    }
    const result = simulateOn(this.design, scenario, {
      failed: { design, downLinks, downHosts },
      net,
      router,
      resolve: (f, i) => {
        const was = this.resolved[i];
        if (stale[i] || !was) {
          stale[i] = 1;
          reresolved++;
          return resolveFlow(net, router, f);
        }
        // Resources before the first removed one keep their index: such a path is the baseline's as it is.
        if (!was.ok || this.maxIndex[i]! < firstRemoved) return was;
        // Renumbered into the flow's own scratch copy, reused by every run: a run reads a path's indices only while
        // it runs (its result holds resource ids), and runs do not overlap.
        const copy = (this.scratch[i] ??= { ...was, resources: [...was.resources] });
        for (let k = 0; k < was.resources.length; k++) {
          const x = rank[was.resources[k]!]!;
          // A path through a removed resource has a read the failure changed; reaching here would be a missed key.
          if (x < 0) throw new MissedChange(`flow ${f.id} kept a path through a failed link`);
          copy.resources[k] = x;
        }
        return copy;
      },
      // A kept path crosses the same resources, so it has the same ids (shared with the baseline's row, read-only).
      pathIds: (i) => (stale[i] ? undefined : basePaths[i]!.path),
    });
    if (stats) stats.reresolved = reresolved;
    return result;
  }
}

/** The design without some links, its `links` built only when read (a run reads them only to set up migrations). */
function withoutLinks(d: Design, removed: ReadonlySet<string>): Design {
  if (removed.size === 0) return d;
  let links: Design['links'] | null = null;
  return Object.defineProperty({ ...d }, 'links', {
    enumerable: true,
    get: () => (links ??= Object.fromEntries(Object.entries(d.links).filter(([k]) => !removed.has(k)))),
  });
}
