export declare const BINDING_ENV: 'RACKPLANE_SQLITE_BINDING';
export declare const CACHE_DIR: string[];
export declare function electronBindingPath(root: string, electronVersion: string, platform: string, arch: string): string;
export declare function resolveElectronBinding(opts: {
  root: string;
  electronVersion: string;
  platform: string;
  arch: string;
  env: Record<string, string | undefined>;
}): { path: string; exists: boolean; fromEnv: boolean };
