/**
 * The component catalog: every entry from `catalog:list` (built-in and the user's own), searchable and
 * grouped by kind, with each entry's figures, notes and sources. From here the user adds and removes their
 * own entries (through main, which stores them in the user's catalog.json), imports NetBox device-type
 * library files (main shows the file picker; the import report stays under the list until dismissed) and
 * inserts a NIC into the selected server. Keyboard: the list is a listbox (arrows, Home/End, Enter inserts), Escape steps back.
 */
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { CatalogEntry } from '../../shared/catalog';
import type { CatalogClient, CatalogResult } from '../catalog/catalog-client';
import { entryFigures, groupEntries } from '../catalog/catalog-view';
import { insertTarget } from '../catalog/insert-nic';
import type { DialogResult } from '../state/dialogs';
import { useStoreState } from '../state/use-store';
import { CatalogEntryForm, type EntryFormKind } from './CatalogEntryForm';
import { Modal } from './Modal';

type Mode = { view: 'browse' } | { view: 'add'; kind: EntryFormKind } | { view: 'confirmRemove'; entry: CatalogEntry };

const optionId = (id: string) => `catalog-option-${id}`;

/** Whether the Insert button works for this entry now, and if not, the reason shown beside it. */
function useInsertState(entry: CatalogEntry | null): { enabled: boolean; label: string; reason: string | null } {
  const design = useStoreState((s) => s.doc?.design ?? null);
  const selection = useStoreState((s) => s.selection);
  if (!entry) return { enabled: false, label: 'Insert into design', reason: null };
  if (entry.kind !== 'nic') return { enabled: false, label: 'Insert into design', reason: 'Only NICs can be inserted from the catalog; switch entries are placed with the palette (not in this version yet)' };
  if (!design) return { enabled: false, label: 'Insert into design', reason: 'Open or create a design first, then select the server to put the NIC in' };
  const target = insertTarget(design, selection);
  if (!target.ok) return { enabled: false, label: 'Insert into design', reason: target.reason };
  return { enabled: true, label: `Insert into ${target.host.name || target.host.id}`, reason: null };
}

export function CatalogDialog({ client, answer }: { client: CatalogClient; answer: (r: DialogResult) => void }): ReactElement {
  const [entries, setEntries] = useState<CatalogEntry[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>({ view: 'browse' });
  const [importing, setImporting] = useState(false);
  const [report, setReport] = useState<string[] | null>(null);
  /** An entry to bring into view once the list shows it (the first one a NetBox import added). */
  const reveal = useRef<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  // Leaving a form or a confirmation unmounts the focused control; keep focus (and so Escape) in the dialog.
  useEffect(() => {
    const active = document.activeElement;
    if (mode.view === 'browse' && (!active || active === document.body)) searchRef.current?.focus();
  }, [mode]);

  const adopt = (r: CatalogResult): boolean => {
    if (!r.ok) {
      setProblem(r.reason);
      return false;
    }
    setEntries(r.entries);
    setProblem(null);
    return true;
  };

  useEffect(() => {
    let live = true;
    void client.list().then((r) => live && adopt(r));
    return () => {
      live = false;
    };
  }, [client]);

  // After the list and the import report have rendered, so the row is scrolled to where it ends up.
  useEffect(() => {
    if (!reveal.current) return;
    document.getElementById(optionId(reveal.current))?.scrollIntoView({ block: 'center' });
    reveal.current = null;
  }, [entries, report]);

  const groups = useMemo(() => groupEntries(entries ?? [], query), [entries, query]);
  const visible = useMemo(() => groups.flatMap((g) => g.entries), [groups]);
  // The selection follows the search: a hidden entry is not acted on.
  const selected = visible.find((e) => e.id === selectedId) ?? visible[0] ?? null;
  const insert = useInsertState(selected);

  const close = () => answer({ kind: 'dismissed' });
  const doInsert = () => {
    if (selected?.kind === 'nic' && insert.enabled) answer({ kind: 'insertCatalog', entry: selected });
  };
  const select = (id: string) => {
    setSelectedId(id);
    document.getElementById(optionId(id))?.scrollIntoView({ block: 'nearest' });
  };

  const onListKey = (e: React.KeyboardEvent) => {
    if (!visible.length) return;
    const i = selected ? visible.indexOf(selected) : -1;
    const to = (j: number) => select(visible[Math.max(0, Math.min(visible.length - 1, j))]!.id);
    const keys: Record<string, () => void> = {
      ArrowDown: () => to(i + 1),
      ArrowUp: () => to(i - 1),
      Home: () => to(0),
      End: () => to(visible.length - 1),
      Enter: doInsert,
    };
    const run = keys[e.key];
    if (!run) return;
    e.preventDefault();
    run();
  };

  const save = async (entry: CatalogEntry): Promise<string | null> => {
    const r = await client.add(entry);
    if (!r.ok) return r.reason;
    adopt(r);
    setMode({ view: 'browse' });
    setQuery('');
    setSelectedId(entry.id);
    setNotice(`Added “${entry.vendor} ${entry.model}” to your catalog`);
    return null;
  };

  const remove = async (entry: CatalogEntry) => {
    const r = await client.remove(entry.id);
    setMode({ view: 'browse' });
    if (!adopt(r)) return;
    setSelectedId(null);
    setNotice(`Removed “${entry.vendor} ${entry.model}” from your catalog`);
    listRef.current?.focus();
  };

  const importNetbox = async () => {
    setImporting(true);
    const r = await client.importNetbox();
    setImporting(false);
    if (!r.ok) {
      if (!('canceled' in r)) setProblem(r.reason);
      return;
    }
    adopt({ ok: true, entries: r.entries });
    setQuery('');
    setReport(r.lines);
    // Show what arrived: the first imported entry is selected and scrolled to.
    const first = r.imported[0];
    if (first) {
      setSelectedId(first);
      reveal.current = first;
    }
    const n = r.imported.length;
    setNotice(n ? `Imported ${n} entr${n === 1 ? 'y' : 'ies'} from NetBox into your catalog` : 'Nothing imported from NetBox: see the report');
  };

  // Escape steps back one level: out of a form or a confirmation first, then out of the dialog.
  const onCancel = () => (mode.view === 'browse' ? close() : setMode({ view: 'browse' }));
  const title = mode.view === 'add' ? (mode.kind === 'nic' ? 'Add a NIC to your catalog' : 'Add a switch to your catalog') : 'Component catalog';

  return (
    <Modal title={title} onCancel={onCancel} testId="dialog-catalog" className="catalog-dialog">
      {mode.view === 'add' ? (
        <CatalogEntryForm kind={mode.kind} entries={entries ?? []} save={save} cancel={() => setMode({ view: 'browse' })} />
      ) : (
        <>
          <div className="catalog-top">
            <input
              type="search"
              className="search"
              placeholder="Search vendor, model or id"
              aria-label="Search the catalog"
              ref={searchRef}
              value={query}
              data-autofocus
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                // Down from the search box goes into the results, as in a combo box.
                if (e.key === 'ArrowDown' && visible.length) {
                  e.preventDefault();
                  listRef.current?.focus();
                }
              }}
            />
            <button type="button" className="btn" onClick={() => setMode({ view: 'add', kind: 'nic' })} disabled={!entries}>
              Add NIC…
            </button>
            <button type="button" className="btn" onClick={() => setMode({ view: 'add', kind: 'switch' })} disabled={!entries}>
              Add switch…
            </button>
            <button type="button" className="btn" onClick={() => void importNetbox()} disabled={!entries || importing} title="Add NIC module types and switch device types from NetBox device-type library YAML files">
              {importing ? 'Importing…' : 'Import NetBox…'}
            </button>
          </div>
          <div className="catalog-body">
            <div
              className="catalog-list"
              role="listbox"
              aria-label="Catalog entries"
              tabIndex={0}
              ref={listRef}
              aria-activedescendant={selected ? optionId(selected.id) : undefined}
              onKeyDown={onListKey}
              data-testid="catalog-list"
            >
              {entries === null ? (
                <div className="catalog-empty">{problem ? 'The catalog could not be read.' : 'Loading the catalog…'}</div>
              ) : groups.length === 0 ? (
                <div className="catalog-empty">Nothing matches “{query}”.</div>
              ) : (
                groups.map((g) => (
                  <div role="group" aria-label={g.label} key={g.kind}>
                    <div className="catalog-group" aria-hidden="true">
                      {g.label} <span className="meta">{g.entries.length}</span>
                    </div>
                    {g.entries.map((e) => (
                      <div
                        key={e.id}
                        id={optionId(e.id)}
                        role="option"
                        aria-selected={e === selected}
                        className={`catalog-row${e === selected ? ' selected' : ''}`}
                        data-entry-id={e.id}
                        onClick={() => setSelectedId(e.id)}
                        onDoubleClick={doInsert}
                      >
                        <div className="catalog-row-title">
                          <span className="name">
                            {e.vendor} {e.model}
                          </span>
                          {e.user ? <span className="tag yours">yours</span> : null}
                        </div>
                        <div className="catalog-row-figures">
                          {entryFigures(e).map((f) => (
                            <span key={f.label} className={`fig${f.value === 'unknown' || f.reason ? ' unknown' : ''}`} title={f.reason ? `${f.label} ${f.value}: ${f.reason}` : undefined}>
                              <span className="fig-label">{f.short}</span> {f.value}
                            </span>
                          ))}
                        </div>
                      </div>
                    ))}
                  </div>
                ))
              )}
            </div>
            <EntryDetails
              entry={selected}
              mode={mode}
              insert={insert}
              onInsert={doInsert}
              onRemove={(entry) => setMode({ view: 'confirmRemove', entry })}
              onConfirmRemove={(entry) => void remove(entry)}
              onCancelRemove={() => setMode({ view: 'browse' })}
            />
          </div>
          {report ? (
            <ImportReport
              lines={report}
              onDismiss={() => {
                setReport(null);
                // The Dismiss button goes away with the report: keep focus (and so Escape) in the dialog.
                listRef.current?.focus();
              }}
            />
          ) : null}
          {problem ? (
            <p className="error-line" role="alert" data-testid="catalog-error">
              {problem}
            </p>
          ) : (
            <p className="notice-line" role="status" data-testid="catalog-notice">
              {notice ?? ''}
            </p>
          )}
          <div className="buttons">
            <button type="button" className="btn" onClick={close}>
              Close
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}

interface DetailsProps {
  entry: CatalogEntry | null;
  mode: Mode;
  insert: { enabled: boolean; label: string; reason: string | null };
  onInsert: () => void;
  onRemove: (e: CatalogEntry) => void;
  onConfirmRemove: (e: CatalogEntry) => void;
  onCancelRemove: () => void;
}

/** The selected entry in full: figures, notes, sources, and what can be done with it. */
function EntryDetails({ entry, mode, insert, onInsert, onRemove, onConfirmRemove, onCancelRemove }: DetailsProps): ReactElement {
  if (!entry) return <section className="catalog-details empty" aria-label="Entry details" />;
  const confirming = mode.view === 'confirmRemove' && mode.entry.id === entry.id;
  return (
    <section className="catalog-details" aria-label="Entry details" data-testid="catalog-details">
      <h3>
        {entry.vendor} {entry.model}
      </h3>
      <p className="catalog-meta">
        <code>{entry.id}</code> · {entry.user ? <span className="tag yours">yours</span> : <span className="tag">built-in</span>}
      </p>
      <dl className="catalog-figures">
        {entryFigures(entry).map((f) => (
          <div key={f.label}>
            <dt>{f.label}</dt>
            <dd className={f.value === 'unknown' || f.reason ? 'unknown' : undefined} title={f.reason}>
              {f.value}
              {f.reason ? <span className="fig-reason"> — {f.reason}</span> : null}
            </dd>
          </div>
        ))}
        {entry.kind === 'nic' && entry.pciId ? (
          <div>
            <dt>PCI id</dt>
            <dd>
              {entry.pciId}
              {entry.vfDeviceId ? ` (VF ${entry.vfDeviceId})` : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      <h4>Notes</h4>
      <p className="catalog-notes">{entry.notes || 'No notes.'}</p>
      <h4>Sources</h4>
      {entry.sources.length ? (
        <ul className="catalog-sources">
          {entry.sources.map((s, i) => (
            <li key={`${s.key}-${i}`}>
              <strong>{s.key}</strong> {s.citation}
            </li>
          ))}
        </ul>
      ) : (
        <p className="catalog-notes">No sources recorded.</p>
      )}
      {confirming ? (
        <ConfirmRemove entry={entry} onConfirm={onConfirmRemove} onCancel={onCancelRemove} />
      ) : (
        <div className="catalog-actions">
          <button type="button" className="btn primary" disabled={!insert.enabled} title={insert.reason ?? undefined} onClick={onInsert} aria-describedby={insert.reason ? 'catalog-insert-why' : undefined}>
            {insert.label}
          </button>
          {entry.user ? (
            <button type="button" className="btn danger" onClick={() => onRemove(entry)}>
              Remove…
            </button>
          ) : null}
          {insert.reason ? (
            <span id="catalog-insert-why" className="hint" data-testid="catalog-insert-why">
              {insert.reason}
            </span>
          ) : null}
        </div>
      )}
    </section>
  );
}

/** What the last NetBox import did, one line per file (indented lines are its notes), until dismissed. */
function ImportReport({ lines, onDismiss }: { lines: readonly string[]; onDismiss: () => void }): ReactElement {
  return (
    <section aria-label="NetBox import report" data-testid="catalog-import-report" style={{ marginTop: 8, maxHeight: 132, overflow: 'auto', border: '1px solid var(--border)', borderRadius: 8, padding: '4px 10px' }}>
      <div className="catalog-actions" style={{ justifyContent: 'space-between', marginTop: 0 }}>
        <h4 style={{ margin: '4px 0' }}>NetBox import</h4>
        <button type="button" className="btn" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      <ul className="catalog-sources" style={{ margin: 0 }}>
        {lines.map((l, i) => (
          <li key={i} style={l.startsWith('  ') ? { marginLeft: 16, color: 'var(--text-muted)' } : undefined}>
            {l.trim()}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Asks before removing a user entry; focus starts on the safe answer. */
function ConfirmRemove({ entry, onConfirm, onCancel }: { entry: CatalogEntry; onConfirm: (e: CatalogEntry) => void; onCancel: () => void }): ReactElement {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div className="catalog-confirm" role="group" aria-label="Confirm removal">
      <span>Remove “{entry.vendor} {entry.model}” from your catalog? NICs already placed in designs stay as they are.</span>
      <button type="button" className="btn" onClick={onCancel} ref={keep}>
        Keep
      </button>
      <button type="button" className="btn danger" onClick={() => onConfirm(entry)}>
        Remove
      </button>
    </div>
  );
}
