export declare const DEFAULT_DIST_URL: string;
export declare class EnsureError extends Error {}
export declare function installedElectronVersion(root: string): string;
export declare function downloadFailureDetail(output: string): string;
export declare function nodeBindingWorks(root: string): boolean;
export declare function ensureElectronNative(opts: {
  root: string;
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}): string;
