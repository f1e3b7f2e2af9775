/** What a generator gives: files (paths relative to the output folder) and notes on what it could not say. */
export interface GeneratedFile {
  path: string;
  text: string;
}

export interface Generation {
  files: GeneratedFile[];
  /** What the design does not say and was left as a placeholder or out, one line each. */
  notes: string[];
}
