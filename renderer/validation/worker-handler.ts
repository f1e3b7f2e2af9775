/**
 * What the validation worker does with each message, apart from the worker itself (STYLE.md 10): it applies
 * patches to its replica, runs the incremental validation session and answers with the diagnostics. Kept free of
 * `self` so the unit tests drive it with a fake port.
 */
import { changesFromPatches } from '../../shared/history/changes';
import { applyDesignPatches } from '../../shared/history/cow';
import type { Design } from '../../shared/model/design';
import { ALL_RULES, ValidationSession } from '../../shared/validate/index';
import { errorLine, type ValidationRequest, type ValidationResponse } from './protocol';

/** Returns the message handler of one worker; `post` sends an answer back to the renderer. */
export function createValidationHandler(post: (msg: ValidationResponse) => void, makeSession = () => new ValidationSession(ALL_RULES)): (msg: ValidationRequest) => void {
  let session = makeSession();
  let replica: Design | null = null;
  return (msg) => {
    try {
      let result;
      if (msg.type === 'load') {
        // A fresh session: its caches belong to the previous design.
        session = makeSession();
        replica = msg.design;
        result = session.run(replica);
      } else if (msg.type === 'patch') {
        if (!replica) throw new Error('validation has no design to patch; reload it');
        // The history's own patch replay: it copies only the record maps a patch touches (immer's applyPatches walked
        // and copied far more; 593 against 214 ms per edit on the 10,000-host fabric, test/bench/edit.bench.ts).
        const applied = applyDesignPatches(replica, msg.patches);
        replica = applied.design;
        result = session.run(replica, applied.changes ?? changesFromPatches(msg.patches));
      } else {
        throw new Error(`unknown validation request ${(msg as { type?: unknown }).type as string}`);
      }
      post({ type: 'result', seq: msg.seq, diagnostics: result.diagnostics, summary: result.summary });
    } catch (e) {
      // The replica may be half-patched and the session's caches inconsistent: start over on the next load.
      replica = null;
      session = makeSession();
      post({ type: 'error', seq: typeof msg?.seq === 'number' ? msg.seq : -1, message: errorLine(e) });
    }
  };
}
