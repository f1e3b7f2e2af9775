/**
 * Undo and redo of scenario edits, woven into the design's undo history. The scenario is saved beside the design
 * rather than in it, so its edits are not design commands; yet what-if Fail/Restore and adding placement advice as
 * migrations are user edits, and each must be one undo step in the same Ctrl+Z order as the design edits around it.
 *
 * Each step records the design history's position (History.position) at which it was made. Undo takes the scenario
 * step when the design is at that position (nothing was done to the design since), else the design's own step; Redo
 * likewise. Which parts of the scenario a step changes is the step's business (`ScenarioSlice`).
 */
import type { ScenarioDraft } from './scenario-draft';

/** The parts of the scenario a step changes (the rest of the draft is left as it is then). */
export type ScenarioSlice = Partial<Pick<ScenarioDraft, 'failures' | 'migrations'>>;

export interface ScenarioStep {
  readonly label: string;
  readonly before: ScenarioSlice;
  readonly after: ScenarioSlice;
  /** The design position at which the step was made. */
  readonly at: number;
}

export class ScenarioHistory {
  private undoStack: ScenarioStep[] = [];
  private redoStack: ScenarioStep[] = [];
  /** The largest design position seen: a larger one means a new design edit, which ends the redo branch. */
  private maxSeen = 0;

  /** Records a step made at design position `at`; a new step ends the redo branch. */
  record(step: ScenarioStep): void {
    this.undoStack.push(step);
    this.redoStack = [];
    this.maxSeen = Math.max(this.maxSeen, step.at);
  }

  /** Called on every design change: a new design step (a position never seen) discards the scenario redo steps. */
  designMoved(position: number): void {
    if (position > this.maxSeen) {
      this.maxSeen = position;
      this.redoStack = [];
    }
  }

  /** The scenario step Undo takes at this design position, or null (then Undo is the design's). */
  nextUndo(position: number): ScenarioStep | null {
    const s = this.undoStack.at(-1);
    return s && s.at === position ? s : null;
  }

  nextRedo(position: number): ScenarioStep | null {
    const s = this.redoStack.at(-1);
    return s && s.at === position ? s : null;
  }

  /** Takes the step nextUndo named, moving it to the redo stack. */
  undo(position: number): ScenarioStep | null {
    const s = this.nextUndo(position);
    if (s) this.redoStack.push(this.undoStack.pop()!);
    return s;
  }

  redo(position: number): ScenarioStep | null {
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
