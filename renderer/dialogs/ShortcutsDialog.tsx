/** Help › Keyboard Shortcuts (also "?"): every shortcut of the action registry, grouped, in the platform's notation. */
import type { ReactElement } from 'react';
import type { ShortcutGroup } from '../actions/shortcut-sheet';
import type { DialogResult } from '../state/dialogs';
import { Modal } from './Modal';

export function ShortcutsDialog({ groups, answer }: { groups: ShortcutGroup[]; answer: (r: DialogResult) => void }): ReactElement {
  const close = () => answer({ kind: 'dismissed' });
  const paletteKey = groups.flatMap((g) => g.rows).find((r) => r.action === 'view.commandPalette')?.keys[0];
  return (
    <Modal title="Keyboard Shortcuts" onCancel={close} testId="dialog-shortcuts" className="shortcuts-dialog">
      <div className="shortcut-groups">
        {groups.map((g) => (
          <table key={g.title} className="shortcut-table" aria-label={g.title}>
            <caption>{g.title}</caption>
            <tbody>
              {g.rows.map((r) => (
                <tr key={r.action} data-action={r.action}>
                  <th scope="row">{r.label}</th>
                  <td>
                    {r.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 ? ' or ' : null}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <p className="muted">The command palette ({paletteKey ? `${paletteKey}, or ` : ''}Commands in the toolbar) lists every command, with a key or without.</p>
      <div className="buttons">
        <button type="button" className="btn primary" data-autofocus onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  );
}
