/**
 * One property in the inspector: its editor, its unit, and the reason a typed value was refused.
 * Text and numbers commit on Enter or when focus leaves (Escape reverts); choices and checkboxes on
 * change. A refused value never reaches the design: the field keeps the text and says why.
 */
import { useId, useState, type ReactElement } from 'react';
import type { Design } from '../../shared/model/design';
import { checkValue, choiceIndex, describeValue, formatIntList, formatVsi, parseInput, showNumber, type FieldSpec } from './fields';
import { formatBreakoutModes } from './port-fields';
import { PortsField } from './PortsField';
import { FieldRefLink } from './FieldRefLink';
import type { BreakoutMode, TorPort } from '../../shared/model/elements';
import type { Vsi, VsiType } from '../../shared/model/elements';

export interface FieldRowProps {
  spec: FieldSpec;
  value: unknown;
  design: Design;
  /** Applies a checked value through a command; returns the refusal reason, or null when applied. */
  commit: (value: unknown) => string | null;
  /** Stable prefix for test ids (`field-<key>`). */
  testId?: string;
}

function display(spec: FieldSpec, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (spec.editor.type === 'vsi') return formatVsi(value as Vsi | VsiType[]);
  if (spec.editor.type === 'breakoutList') return formatBreakoutModes(value as BreakoutMode[]);
  if (Array.isArray(value)) return spec.editor.type === 'speedList' ? (value as number[]).join('/') : formatIntList(value as number[], spec.editor.type === 'intList' ? spec.editor.prefix : '');
  return typeof value === 'number' ? showNumber(value) : String(value);
}

/** A record with one field set; an unset (undefined) value removes the field, as an optional property is written. */
function withField(x: Record<string, unknown>, key: string, v: unknown): Record<string, unknown> {
  const out = { ...x, [key]: v };
  if (v === undefined) delete out[key];
  return out;
}

/** Same value for the purpose of "nothing changed" (lists compare by content). */
const sameValue = (a: unknown, b: unknown) =>
  Object.is(a, b) ||
  (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => Object.is(x, b[i]))) ||
  // Records (a VSI profile, a list of VSI types) compare by content.
  (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && JSON.stringify(a) === JSON.stringify(b));

export function FieldRow({ spec, value, design, commit, testId }: FieldRowProps): ReactElement {
  const id = useId();
  const errId = `${id}-err`;
  // An edit in progress belongs to the value it started from; when the value changes underneath
  // (undo, another edit) the stale draft is simply not shown.
  const [edit, setEdit] = useState<{ base: unknown; text: string; error: string | null } | null>(null);
  const current = edit && Object.is(edit.base, value) ? edit : null;
  const editor = spec.editor;
  const tid = testId ?? `field-${spec.key}`;

  const apply = (raw: unknown): string | null => {
    const problem = checkValue(spec, raw);
    return problem ?? commit(raw);
  };

  const commitText = (text: string) => {
    const parsed = parseInput(editor, text);
    if (!parsed.ok) return setEdit({ base: value, text, error: parsed.reason });
    if (sameValue(parsed.value, value)) return setEdit(null);
    const problem = apply(parsed.value);
    setEdit(problem ? { base: value, text, error: problem } : null);
  };

  const error = current?.error ?? null;
  let control: ReactElement;
  switch (editor.type) {
    case 'text':
    case 'number':
    case 'intList':
    case 'speedList':
    case 'vsi':
    case 'breakoutList': {
      const text = current ? current.text : display(spec, value);
      const common = {
        id,
        value: text,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? errId : undefined,
        'data-testid': tid,
        placeholder:
          editor.type === 'number' && editor.nullable ? editor.nullLabel : editor.type === 'text' && editor.nullable ? 'none' : editor.type === 'intList' ? editor.emptyLabel : editor.type === 'speedList' ? 'unknown' : editor.type === 'vsi' || editor.type === 'breakoutList' ? 'none' : undefined,
        onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setEdit({ base: value, text: e.target.value, error: current?.error ?? null }),
        onBlur: () => current && commitText(current.text),
        onKeyDown: (e: React.KeyboardEvent) => {
          if (e.key === 'Escape' && current) {
            e.preventDefault();
            e.stopPropagation();
            setEdit(null);
          } else if (e.key === 'Enter' && (editor.type !== 'text' || !editor.multiline || e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            if (current) commitText(current.text);
          }
        },
      };
      control =
        editor.type === 'text' && editor.multiline ? (
          <textarea {...common} rows={3} />
        ) : (
          <input {...common} type="text" inputMode={editor.type === 'number' ? 'decimal' : undefined} spellCheck={editor.type === 'text'} />
        );
      break;
    }
    case 'choice': {
      const index = choiceIndex(editor.choices, value);
      control = (
        <select
          id={id}
          value={index}
          data-testid={tid}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errId : undefined}
          onChange={(e) => {
            const problem = apply(editor.choices[Number(e.target.value)]!.value);
            setEdit(problem ? { base: value, text: '', error: problem } : null);
          }}
        >
          {index < 0 ? <option value={-1}>{display(spec, value) || '—'}</option> : null}
          {editor.choices.map((c, i) => (
            <option key={i} value={i}>
              {c.label}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'boolean':
      control = (
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          data-testid={tid}
          aria-describedby={error ? errId : undefined}
          onChange={(e) => {
            const problem = apply(e.target.checked);
            setEdit(problem ? { base: value, text: '', error: problem } : null);
          }}
        />
      );
      break;
    case 'items': {
      // Each record's fields are rows of their own; an edit replaces that one field and commits the whole list, so it
      // is one command and one undo step, checked by the list's schema like any other property.
      const list = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      control = (
        <div className="items" data-testid={tid}>
          {list.length === 0 ? <span className="value">none</span> : null}
          {list.slice(0, editor.shown).map((item, i) => (
            <fieldset key={String(item.id ?? i)} className="item" data-testid={`${tid}-${i}`}>
              <legend>{String(item.name || item.id || `#${i + 1}`)}</legend>
              {editor.fields.map((f) => (
                <FieldRow
                  key={f.key}
                  spec={f}
                  value={item[f.key]}
                  design={design}
                  testId={`${tid}-${i}-${f.key}`}
                  commit={(v) => apply(list.map((x, j) => (j === i ? withField(x, f.key, v) : x)))}
                />
              ))}
            </fieldset>
          ))}
          {list.length > editor.shown ? <span className="value">… and {list.length - editor.shown} more (edit them in topology JSON)</span> : null}
        </div>
      );
      break;
    }
    case 'record': {
      // An optional record (QoS): each field is a row of its own; an edit sets or clears that one field and commits the
      // record (one command, one undo step); clearing the last field unsets the record.
      const rec = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
      control = (
        <fieldset className="item record" data-testid={tid}>
          {editor.fields.map((f) => (
            <FieldRow
              key={f.key}
              spec={f}
              value={rec[f.key]}
              design={design}
              testId={`${tid}-${f.key}`}
              commit={(v) => {
                const next = withField(rec, f.key, v);
                return apply(Object.keys(next).length ? next : undefined);
              }}
            />
          ))}
        </fieldset>
      );
      break;
    }
    case 'ports':
      // The picked port's fields are rows of their own; each edit commits the whole list (one command, one undo step).
      control = <PortsField spec={editor} ports={Array.isArray(value) ? (value as TorPort[]) : []} design={design} commit={apply} testId={tid} Row={FieldRow} />;
      break;
    case 'breakout':
    case 'readonly': {
      const lines = describeValue(spec.key, value, design);
      control =
        lines.length === 1 ? (
          <span className="value" data-testid={tid}>
            {lines[0]}
          </span>
        ) : (
          <ul className="list-value" data-testid={tid}>
            {lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        );
      break;
    }
  }

  const nested = editor.type === 'items' || editor.type === 'ports' || editor.type === 'record';
  return (
    <div className={nested ? 'field field-items' : 'field'}>
      {editor.type === 'readonly' || nested || editor.type === 'breakout' ? (
        <span className="label" title={spec.hint ?? spec.label}>
          {spec.label}
        </span>
      ) : (
        <label htmlFor={id} title={spec.hint ?? spec.label}>
          {spec.label}
        </label>
      )}
      <div className="control">
        {control}
        {spec.unit ? <span className="unit">{spec.unit}</span> : null}
        {spec.ref ? <FieldRefLink fieldRef={spec.ref} label={spec.label} /> : null}
      </div>
      {error ? (
        <div className="error" id={errId} role="alert" data-testid={`${tid}-error`}>
          {error}
        </div>
      ) : null}
    </div>
  );
}
