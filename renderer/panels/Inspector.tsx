/**
 * The inspector: every property of the selection with units. Edits go through `updateElement`,
 * `updateLink` or `setMeta` commands, so each is one undo step and the command's checks apply.
 */
import { useMemo, type ReactElement } from 'react';
import { designMetaSchema, type Design } from '../../shared/model/design';
import { ELEMENT_KINDS, KIND_LABELS, type Element, type ElementKind } from '../../shared/model/elements';
import { asElementId, asLinkId } from '../../shared/model/ids';
import type { Link } from '../../shared/model/links';
import { revealElement } from '../canvas/view-ops';
import { countsLine } from '../components/kind-names';
import { statsOf } from '../state/design-stats';
import { useAppStore, useStoreState } from '../state/use-store';
import { elementFields, linkFields, type FieldSpec } from './fields';
import { FieldRow } from './FieldRow';
import { PassthroughSection } from './PassthroughSection';
import { LinkLoadSection } from './LinkLoadSection';

const LINK_LABELS: Record<Link['kind'], string> = {
  pcie: 'PCIe link',
  ethernet: 'Ethernet link',
  vnic: 'vNIC attachment',
  vf: 'SR-IOV VF attachment',
  passthrough: 'Passthrough (whole device)',
  uplink: 'vSwitch uplink',
  sChannel: 'S-channel',
};

const GENERAL = ['name', 'model', 'parent', 'notes'];
const PLACEMENT = ['x', 'y', 'width', 'height', 'collapsed'];
/** The undo-menu name of an inspector edit: "Undo Rename", "Undo Edit Memory". */
const stepLabel = (s: FieldSpec) => (s.key === 'name' ? 'Rename' : `Edit ${s.label}`);

/** Links listed under an element before the list is cut short. */
const MAX_LINKS = 12;

function Section({ title, children }: { title: string; children: ReactElement[] }): ReactElement | null {
  if (children.length === 0) return null;
  return (
    <section>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function ElementInspector({ el, design }: { el: Element; design: Design }): ReactElement {
  const store = useAppStore();
  const specs = elementFields(el.kind);
  const commit = (s: FieldSpec) => (value: unknown) => {
    const r = store.execute({ type: 'updateElement', id: asElementId(el.id), changes: { [s.key]: value } }, { quiet: true, label: stepLabel(s) });
    return r.ok ? null : r.reason;
  };
  const row = (s: FieldSpec) => <FieldRow key={`${el.id}:${s.key}`} spec={s} value={(el as unknown as Record<string, unknown>)[s.key]} design={design} commit={commit(s)} />;
  const pick = (keys: string[]) => keys.map((k) => specs.find((s) => s.key === k)).filter((s): s is FieldSpec => s !== undefined);
  const props = specs.filter((s) => !GENERAL.includes(s.key) && !PLACEMENT.includes(s.key));
  const links = useMemo(() => Object.values(design.links).filter((l) => l.a.element === el.id || l.b.element === el.id), [design, el.id]);

  const selectLink = (id: string) => store.select({ elements: new Set(), links: new Set([id]) });
  return (
    <div className="inspector" data-testid="inspector" data-element-id={el.id}>
      <h2>{el.name || el.id}</h2>
      <div className="subtitle">
        {KIND_LABELS[el.kind]} · <code>{el.id}</code>
      </div>
      <Section title="General">{pick(GENERAL).map(row)}</Section>
      <Section title="Properties">{props.map(row)}</Section>
      {el.kind === 'nic' || el.kind === 'endpoint' ? <PassthroughSection el={el} design={design} /> : null}
      <Section title="Placement">{pick(PLACEMENT).map(row)}</Section>
      <section>
        <h3>Links ({links.length})</h3>
        {links.length === 0 ? <div className="hint">Not connected.</div> : null}
        <ul className="list-value">
          {links.slice(0, MAX_LINKS).map((l) => {
            const mine = l.a.element === el.id ? l.a : l.b;
            const other = l.a.element === el.id ? l.b : l.a;
            return (
              <li key={l.id}>
                <a href="#" onClick={(e) => (e.preventDefault(), selectLink(l.id))}>
                  {mine.port} → {design.elements[other.element]?.name ?? other.element} {other.port}
                </a>{' '}
                <span className="unit">({LINK_LABELS[l.kind]})</span>
              </li>
            );
          })}
          {links.length > MAX_LINKS ? <li>… and {links.length - MAX_LINKS} more</li> : null}
        </ul>
      </section>
    </div>
  );
}

function LinkInspector({ link, design }: { link: Link; design: Design }): ReactElement {
  const store = useAppStore();
  const commit = (s: FieldSpec) => (value: unknown) => {
    const r = store.execute({ type: 'updateLink', id: asLinkId(link.id), changes: { [s.key]: value } }, { quiet: true, label: stepLabel(s) });
    return r.ok ? null : r.reason;
  };
  const end = (label: string, ref: Link['a']) => (
    <div className="field">
      <span className="label">{label}</span>
      <span className="value">
        <a
          href="#"
          onClick={(e) => {
            e.preventDefault();
            store.select({ elements: new Set([ref.element]), links: new Set() });
            revealElement(store, ref.element);
          }}
        >
          {design.elements[ref.element]?.name ?? ref.element}
        </a>{' '}
        · {ref.port}
      </span>
    </div>
  );
  return (
    <div className="inspector" data-testid="inspector" data-link-id={link.id}>
      <h2>{LINK_LABELS[link.kind]}</h2>
      <div className="subtitle">
        <code>{link.id}</code>
      </div>
      <h3>Ends</h3>
      {end('From', link.a)}
      {end('To', link.b)}
      <Section title="Properties">
        {linkFields(link.kind).map((s) => (
          <FieldRow key={`${link.id}:${s.key}`} spec={s} value={(link as unknown as Record<string, unknown>)[s.key]} design={design} commit={commit(s)} />
        ))}
      </Section>
      {link.kind === 'pcie' || link.kind === 'ethernet' ? <LinkLoadSection link={link} design={design} /> : null}
    </div>
  );
}

const META_SPECS: FieldSpec[] = [
  { key: 'name', label: 'Name', unit: null, hint: null, editor: { type: 'text', nullable: false, multiline: false }, schema: designMetaSchema.shape.name },
  { key: 'description', label: 'Description', unit: null, hint: null, editor: { type: 'text', nullable: false, multiline: true }, schema: designMetaSchema.shape.description },
  { key: 'revision', label: 'Revision', unit: null, hint: 'Increases with every save', editor: { type: 'readonly' }, schema: designMetaSchema.shape.revision },
];

function DesignInspector({ design }: { design: Design }): ReactElement {
  const store = useAppStore();
  const { byKind: counts, links } = statsOf(design);
  const kinds = (Object.keys(counts) as (keyof typeof counts)[]).filter((k) => counts[k] > 0);
  const commit = (s: FieldSpec) => (value: unknown) => {
    const r = store.execute({ type: 'setMeta', changes: { [s.key]: value } }, { quiet: true, label: `Edit design ${s.label.toLowerCase()}` });
    return r.ok ? null : r.reason;
  };
  return (
    <div className="inspector" data-testid="inspector" data-design="true">
      <h2>Design</h2>
      <div className="subtitle">Nothing selected: properties of the whole design.</div>
      {META_SPECS.map((s) => (
        <FieldRow key={`meta:${s.key}`} spec={s} value={design.meta[s.key as keyof Design['meta']]} design={design} commit={commit(s)} testId={`meta-${s.key}`} />
      ))}
      <h3>Contents</h3>
      <ul className="kind-counts">
        {kinds.map((k) => (
          <li key={k}>
            <span>{KIND_LABELS[k]}</span>
            <span>{counts[k].toLocaleString('en-US')}</span>
          </li>
        ))}
        <li>
          <span>Links</span>
          <span>{links.toLocaleString('en-US')}</span>
        </li>
      </ul>
    </div>
  );
}

function MultiInspector({ design, ids, links }: { design: Design; ids: ReadonlySet<string>; links: number }): ReactElement {
  const counts = useMemo(() => {
    const c = Object.fromEntries(ELEMENT_KINDS.map((k) => [k, 0])) as Record<ElementKind, number>;
    for (const id of ids) {
      const el = design.elements[id];
      if (el) c[el.kind]++;
    }
    return countsLine(c);
  }, [design, ids]);
  return (
    <div className="inspector" data-testid="inspector" data-multi="true">
      <h2>{(ids.size + links).toLocaleString('en-US')} items selected</h2>
      <div className="subtitle">{ids.size > 0 ? counts : ''}</div>
      {links > 0 ? <div className="subtitle">{`${links} link${links === 1 ? '' : 's'}`}</div> : null}
      <p className="hint">Delete removes them all in one step; Undo restores them.</p>
    </div>
  );
}

export function Inspector(): ReactElement {
  const design = useStoreState((s) => s.doc!.design);
  const selection = useStoreState((s) => s.selection);
  const n = selection.elements.size + selection.links.size;
  let body: ReactElement;
  if (n === 0) body = <DesignInspector design={design} />;
  else if (n > 1) body = <MultiInspector design={design} ids={selection.elements} links={selection.links.size} />;
  else if (selection.elements.size === 1) {
    const el = design.elements[[...selection.elements][0]!];
    body = el ? <ElementInspector key={el.id} el={el} design={design} /> : <DesignInspector design={design} />;
  } else {
    const link = design.links[[...selection.links][0]!];
    body = link ? <LinkInspector key={link.id} link={link} design={design} /> : <DesignInspector design={design} />;
  }
  return (
    <aside className="panel right" aria-label="Inspector">
      <div className="panel-header">Inspector</div>
      {body}
    </aside>
  );
}

