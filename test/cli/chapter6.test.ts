/**
 * Issue #11 item 19: `rackplane new --template chapter6 -o c.rackplane && rackplane simulate c.rackplane` reproduces
 * the book's chapter-6 comparison with no other argument: the template stores its scenario in the project and
 * `simulate` without `--scenario` runs it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rackplane, requireBuiltCli, tempDir } from './run-cli';

let dir: string;
let cleanup: () => void;
const run = (...args: string[]) => rackplane(args, { cwd: dir });

beforeAll(() => {
  requireBuiltCli();
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

interface FlowOut {
  id: string;
  rate: number;
  mode: string | null;
  pcieCrossings: number;
  dropped: string | null;
}

describe('rackplane new --template chapter6 && rackplane simulate', () => {
  it('runs the stored vSwitch vs SR-IOV comparison: 30 Gb/s and 14.63 Gb/s', () => {
    const made = run('new', '--template', 'chapter6', '-o', 'c.rackplane');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain("scenario 'vSwitch vs SR-IOV' stored");
    const r = run('simulate', 'c.rackplane');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { scenario: string; flows: FlowOut[] };
    expect(out.scenario).toBe('vSwitch vs SR-IOV');
    const flow = (id: string) => out.flows.find((f) => f.id === id)!;
    expect(out.flows.map((f) => f.id)).toEqual(['vswitch', 'sriov']);
    // vSwitch: the host's memory-copy budget, the book's ~30 Gb/s.
    expect(flow('vswitch')).toMatchObject({ mode: 'vswitch-local', rate: 30, dropped: null });
    // SR-IOV VF to VF on Gen2 x4: 5 GT/s × 8/10 (8b/10b) = 4 Gb/s = 500 MB/s per lane, × 4 lanes = 16 Gb/s per
    // direction; × 256/(256 + 24) TLP efficiency at a 256 B max payload (shared/model/pcie.ts) = 14.628… Gb/s.
    expect(flow('sriov')).toMatchObject({ mode: 'sriov-embedded', pcieCrossings: 2, dropped: null });
    expect(flow('sriov').rate).toBeCloseTo((5 * 0.8 * 4 * 256) / 280, 6);
    expect(flow('sriov').rate).toBeCloseTo(14.63, 2);
  });

  it('still runs one-per-vm on a design without a stored scenario', () => {
    expect(run('new', '--template', 'single-host', '-o', 'h.rackplane').code).toBe(0);
    const out = JSON.parse(run('simulate', 'h.rackplane').stdout) as { scenario: string };
    expect(out.scenario).toBe('one-per-vm');
    // Topology JSON carries the template's scenario in its `scenarios` array (issue #13), so it runs the comparison too.
    expect(run('new', '--template', 'chapter6', '-o', 'c.json').code).toBe(0);
    expect((JSON.parse(run('simulate', 'c.json').stdout) as { scenario: string }).scenario).toBe('vSwitch vs SR-IOV');
  });
});
