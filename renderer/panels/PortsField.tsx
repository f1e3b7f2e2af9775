/**
 * A switch's ports in the inspector: a summary, a picker listing every port on one line each (a native list, so 56 or
 * 1024 ports cost one element each and type-ahead finds "p48"), and the picked port's fields. An edit replaces that
 * one field of that one port and commits the whole list: one `updateElement` command, one undo step.
 */
import { useState, type ReactElement } from 'react';
import type { Design } from '../../shared/model/design';
import type { TorPort } from '../../shared/model/elements';
import { describeValue, type Editor } from './fields';
import type { FieldRowProps } from './FieldRow';
import { portFieldSpec, portOptionLabel, withPortField } from './port-fields';

export interface PortsFieldProps {
  spec: Extract<Editor, { type: 'ports' }>;
  ports: readonly TorPort[];
  design: Design;
  /** Checks and applies a new list; returns the refusal reason, or null when applied. */
  commit: (ports: TorPort[]) => string | null;
  testId: string;
  /** The row component for the picked port's fields (passed in, so that FieldRow and this file do not import each other). */
  Row: (props: FieldRowProps) => ReactElement;
}

export function PortsField({ spec, ports, design, commit, testId, Row }: PortsFieldProps): ReactElement {
  const [picked, setPicked] = useState(0);
  // The list may have shrunk (undo, an edit in topology JSON): keep the pick within it.
  const i = Math.min(picked, ports.length - 1);
  const port = i >= 0 ? ports[i] : undefined;
  return (
    <div className="items" data-testid={testId}>
      <ul className="list-value" data-testid={`${testId}-summary`}>
        {describeValue('ports', ports, design).map((l, k) => (
          <li key={k}>{l}</li>
        ))}
      </ul>
      {port ? (
        <>
          <select aria-label="Port" value={i} data-testid={`${testId}-port`} onChange={(e) => setPicked(Number(e.target.value))}>
            {ports.map((p, j) => (
              <option key={j} value={j}>
                {portOptionLabel(p, j)}
              </option>
            ))}
          </select>
          <fieldset className="item" data-testid={`${testId}-${i}`}>
            <legend>{`p${i}`}</legend>
            {spec.fields.map((f) => (
              <Row
                // Keyed by port too: a half-typed value belongs to the port it was typed on.
                key={`${i}:${f.key}`}
                spec={portFieldSpec(f, port)}
                value={(port as Record<string, unknown>)[f.key]}
                design={design}
                testId={`${testId}-${f.key}`}
                commit={(v) => commit(withPortField(ports, i, f.key, v))}
              />
            ))}
          </fieldset>
        </>
      ) : (
        <span className="value">none</span>
      )}
    </div>
  );
}
