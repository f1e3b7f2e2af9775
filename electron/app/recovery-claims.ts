/**
 * Which window's live work each recovery copy holds. Every window autosaves its unsaved design to
 * `<userData>/recovery/`; at start-up a window offers the copies it finds there. With several windows
 * open, the copies another window is still writing are not "left over from a crash": offering them
 * would let a second window open (and later discard) the first one's live work. Each window's handlers
 * claim the copies they write; `project:recoverable` hides and `project:recover` refuses the copies
 * other windows hold. A window's claims end when it closes.
 */

/** One window's view of the shared claims (given to its IPC handlers). */
export interface RecoveryClaimsView {
  claim(recoveryId: string): void;
  release(recoveryId: string): void;
  /** Whether another open window holds this copy. */
  heldElsewhere(recoveryId: string): boolean;
}

export class RecoveryClaims {
  private readonly owners = new Map<string, number>();

  /** The view for window `owner`. */
  forWindow(owner: number): RecoveryClaimsView {
    return {
      claim: (id) => void this.owners.set(id, owner),
      release: (id) => {
        if (this.owners.get(id) === owner) this.owners.delete(id);
      },
      heldElsewhere: (id) => {
        const holder = this.owners.get(id);
        return holder !== undefined && holder !== owner;
      },
    };
  }

  /** Window `owner` closed: its copies are either discarded by the renderer already or left to recover later. */
  releaseAll(owner: number): void {
    for (const [id, holder] of this.owners) if (holder === owner) this.owners.delete(id);
  }
}
