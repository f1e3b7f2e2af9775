/**
 * Undo and redo of the what-if failures, woven into the design's undo history. Failures belong to the scenario,
 * which is saved beside the design rather than in it, so they are not design commands; yet Fail and Restore are
 * user edits and each must be one undo step in the same Ctrl+Z order as the design edits around it. Each step
 * records the design history's position when it was made: Undo takes the failure step when the design is at that
 * position (nothing was done to the design since), else the design's own step; Redo likewise.
 */
import type { Failure } from '../../shared/sim/failures';

export interface FailureStep {
  readonly label: string;
  readonly before: readonly Failure[];
  readonly after: readonly Failure[];
  /** The design history's position (History.position) when the step was made. */
  readonly at: number;
}

export class FailureHistory {
  private undoStack: FailureStep[] = [];
  private redoStack: FailureStep[] = [];
  /** The largest design position seen: a larger one means a new design edit, which ends the redo branch. */
  private maxSeen = 0;

  /** Records a step made at design position `at`; a new step ends the redo branch. */
  record(step: FailureStep): void {
    this.undoStack.push(step);
    this.redoStack = [];
    this.maxSeen = Math.max(this.maxSeen, step.at);
  }

  /** Called on every design change: a new design step (a position never seen) discards the failure redo steps. */
  designMoved(position: number): void {
    if (position > this.maxSeen) {
      this.maxSeen = position;
      this.redoStack = [];
    }
  }

  /** The failure step Undo takes at this design position, or null (then Undo is the design's). */
  nextUndo(position: number): FailureStep | null {
    const s = this.undoStack.at(-1);
    return s && s.at === position ? s : null;
  }

  nextRedo(position: number): FailureStep | null {
    const s = this.redoStack.at(-1);
    return s && s.at === position ? s : null;
  }

  /** Takes the step nextUndo named, moving it to the redo stack. */
  undo(position: number): FailureStep | null {
    const s = this.nextUndo(position);
    if (s) this.redoStack.push(this.undoStack.pop()!);
    return s;
  }

  redo(position: number): FailureStep | null {
    const s = this.nextRedo(position);
    if (s) this.undoStack.push(this.redoStack.pop()!);
    return s;
  }

  /** Forgets every step (another design was opened). */
  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
    this.maxSeen = 0;
  }
}
