/**
 * The inspector's Passthrough section for a NIC or PCIe endpoint: the device's IOMMU group, and which VM holds each
 * of its whole functions. A choice is one command batch, so one undo step ("Undo Pass through …").
 */
import { useMemo, type ReactElement } from 'react';
import { z } from 'zod';
import type { Design } from '../../shared/model/design';
import type { Element } from '../../shared/model/elements';
import { deviceIommuGroup } from '../../shared/validate/iommu';
import { useAppStore } from '../state/use-store';
import { FieldRow } from './FieldRow';
import type { FieldSpec } from './fields';
import { passthroughCommands, passthroughRows } from './passthrough-model';

export function PassthroughSection({ el, design }: { el: Element; design: Design }): ReactElement | null {
  const store = useAppStore();
  const rows = useMemo(() => passthroughRows(design, el), [design, el]);
  const group = useMemo(() => deviceIommuGroup(design, el.id), [design, el.id]);
  if (rows.length === 0 && !group) return null;
  return (
    <section data-testid="passthrough-section">
      <h3>Passthrough</h3>
      {group ? (
        <div className="field">
          <span className="label" title="Devices VFIO must hand to one owner together (PCI-007): set by ACS on the bridges above">
            IOMMU group
          </span>
          <div className="control">
            <span className="value" data-testid="iommu-group">
              {group.summary}
            </span>
          </div>
        </div>
      ) : null}
      {rows.map((row) => {
        const spec: FieldSpec = {
          key: `passthrough-${row.fn}`,
          label: row.label,
          unit: null,
          hint: 'Give the whole function to a VM (VFIO, DirectPath I/O, DDA): it can no longer live-migrate (IOV-003), and the host must not use it (PCI-007)',
          editor: { type: 'choice', choices: row.choices.map((c) => ({ value: c.value, label: c.label })) },
          schema: z.string(),
        };
        const commit = (value: unknown) => {
          const r = passthroughCommands(store.getState().doc!.design, el.id, row.fn, String(value));
          if (!r.ok) return r.reason;
          if (r.commands.length === 0) return null;
          const what = `${el.name || el.id}${row.fn === 'dev' ? '' : ` ${row.fn}`}`;
          const x = store.execute(r.commands, { quiet: true, label: value === '' ? `Return ${what} to the host` : `Pass through ${what}` });
          return x.ok ? null : x.reason;
        };
        return <FieldRow key={`${el.id}:${row.fn}`} spec={spec} value={row.value} design={design} commit={commit} testId={`passthrough-${row.fn}`} />;
      })}
    </section>
  );
}
