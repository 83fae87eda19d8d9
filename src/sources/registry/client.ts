import type { RegistrySource } from './source.js';

export interface RegistryClientOptions {
  concurrency: number;
  timeoutMs: number;
  /** hosts (with port) to talk plain HTTP or unverified TLS to */
  insecureHosts: string[];
  env: NodeJS.ProcessEnv;
  /** `--verbose` progress lines; never given a credential */
  log?: (line: string) => void;
}

/** The live OCI distribution client. (stub: helper `registry` replaces it) */
export function createRegistryClient(_options: RegistryClientOptions): RegistrySource {
  const unreachable = async () => ({ status: 'unreachable' as const, host: '', reason: 'registry client not built yet' });
  return { listTags: unreachable, getTag: unreachable };
}
