import { defaultConfig } from '../../src/config/defaults.js';
import type { TagcheckConfig } from '../../src/model/config.js';
import type { Located, Position } from '../../src/model/located.js';
import type { ImageUse, ReleaseModel, Release } from '../../src/model/release.js';
import type { Lookup, RegistryFacts, SubjectArtifacts, TagFacts } from '../../src/model/registry.js';
import { parseImageRef } from '../../src/model/image-ref.js';
import { parseVersion } from '../../src/model/version.js';

/** The real defaults (src/config/defaults.ts) with overrides, for in-memory rule tests. */
export function testConfig(overrides: Partial<TagcheckConfig> = {}): TagcheckConfig {
  return { ...defaultConfig(), ...overrides };
}

export function at(file: string, line: number, column = 1): Position {
  return { file, line, column };
}

export function located<T>(value: T, file: string, line: number, column = 1): Located<T> {
  return { value, file, line, column };
}

export function release(tag: string, source: Release['source'] = 'flag'): Release {
  return { tag, version: parseVersion(tag), source };
}

/** An ImageUse from a reference string; throws on a bad reference because tests should not build those. */
export function imageUse(reference: string, position: Position, fields: Partial<ImageUse> = {}): ImageUse {
  const parsed = parseImageRef(reference);
  if (!parsed.ok) throw new Error(parsed.error);
  return { ref: parsed.ref, own: false, kind: 'workload', at: position, tagAt: position, tagSource: parsed.ref.tag ? 'inline' : 'none', ...fields };
}

export function testModel(fields: Partial<ReleaseModel> = {}): ReleaseModel {
  return {
    root: '/repo',
    repositoryName: 'repo',
    release: null,
    config: testConfig(),
    ownRepositories: [],
    componentRepositories: [],
    files: [],
    imageUses: [],
    charts: [],
    kustomizeOverrides: [],
    diagnostics: [],
    ...fields,
  };
}

/**
 * In-memory registry facts: repository → tag → facts; absent repositories are not found. `artifacts`:
 * repository → digest → signatures and attestations gathered for it (for the `require:` rules).
 */
export function registryFacts(
  repositories: Record<string, Record<string, TagFacts>>,
  unreachable: Record<string, string> = {},
  artifacts: Record<string, Record<string, SubjectArtifacts>> = {},
): RegistryFacts {
  const down = (repository: string): Lookup<never> | undefined => {
    const host = repository.split('/')[0];
    return unreachable[host] !== undefined ? { status: 'unreachable', host, reason: unreachable[host] } : undefined;
  };
  return {
    tagList(repository) {
      const fault = down(repository);
      if (fault) return fault;
      const tags = repositories[repository];
      return tags ? { status: 'found', value: Object.keys(tags) } : { status: 'not-found' };
    },
    tag(repository, tag) {
      const fault = down(repository);
      if (fault) return fault;
      const facts = repositories[repository]?.[tag];
      return facts ? { status: 'found', value: facts } : { status: 'not-found' };
    },
    artifacts(repository, digest) {
      return artifacts[repository]?.[digest];
    },
  };
}
