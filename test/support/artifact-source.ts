import { gatherRegistryFacts } from '../../src/engine/registry-facts.js';
import { parsePlatform } from '../../src/model/platform.js';
import type { ArtifactManifest, Lookup, ReferrerDescriptor, TagFacts } from '../../src/model/registry.js';
import type { ReleaseModel } from '../../src/model/release.js';
import type { RegistrySource } from '../../src/sources/registry/source.js';
import { digest } from './tag-facts.js';

/**
 * An in-memory registry for the `require:` rules: tags (with index entries), referrers answers per digest
 * (`referrers: null` = the registry does not serve the API) and artifact manifests by digest or tag. It counts
 * every question, so tests can hold the request plan to account. No HTTP: the real client is tested against the
 * real registry and the referrers server.
 */
export interface MemoryRegistry {
  tags: Record<string, TagFacts>;
  /** extra tags that only appear in the tag list (cosign `.sig`, `.att`, referrers tag schema) */
  listedOnly?: string[];
  referrers?: Record<string, ReferrerDescriptor[]> | null;
  manifests?: Record<string, ArtifactManifest>;
  /** layer digest → the predicate type inside the layer */
  predicates?: Record<string, string | null>;
}

export function memoryArtifactSource(repositories: Record<string, MemoryRegistry>) {
  const asked: string[] = [];
  const source: RegistrySource = {
    listTags: async (repository): Promise<Lookup<string[]>> => {
      asked.push(`list ${repository}`);
      const repo = repositories[repository];
      return repo ? { status: 'found', value: [...Object.keys(repo.tags), ...(repo.listedOnly ?? [])] } : { status: 'not-found' };
    },
    getTag: async (repository, tag): Promise<Lookup<TagFacts>> => {
      asked.push(`tag ${repository}:${tag}`);
      const facts = repositories[repository]?.tags[tag];
      return facts ? { status: 'found', value: facts } : { status: 'not-found' };
    },
    getReferrers: async (repository, subject): Promise<Lookup<ReferrerDescriptor[]>> => {
      asked.push(`referrers ${repository}@${subject}`);
      const referrers = repositories[repository]?.referrers;
      if (referrers === null || referrers === undefined) return { status: 'not-found' };
      return { status: 'found', value: referrers[subject] ?? [] };
    },
    getManifest: async (repository, reference): Promise<Lookup<ArtifactManifest>> => {
      asked.push(`manifest ${repository}@${reference}`);
      const manifest = repositories[repository]?.manifests?.[reference];
      return manifest ? { status: 'found', value: manifest } : { status: 'not-found' };
    },
    getPredicateType: async (repository, layerDigest): Promise<Lookup<string | null>> => {
      asked.push(`predicate ${repository}@${layerDigest}`);
      const predicates = repositories[repository]?.predicates ?? {};
      return layerDigest in predicates ? { status: 'found', value: predicates[layerDigest] } : { status: 'not-found' };
    },
  };
  return { source, asked };
}

export async function gatherWith(model: ReleaseModel, repositories: Record<string, MemoryRegistry>) {
  const { source, asked } = memoryArtifactSource(repositories);
  model.registry = await gatherRegistryFacts(model, source);
  return { model, asked };
}

/** An index with platform manifests `digest('<name>/<platform>')` and, with `attested`, BuildKit attestation entries. */
export function indexWithEntries(name: string, platforms: string[], attested = false): TagFacts {
  const entries: NonNullable<TagFacts['entries']> = [];
  for (const platform of platforms) {
    entries.push({ digest: digest(`${name}/${platform}`), platform: parsePlatform(platform) });
    if (attested) entries.push({ digest: digest(`${name}/${platform}/att`), platform: null, attestationFor: digest(`${name}/${platform}`) });
  }
  const manifests = platforms.map((platform) => digest(`${name}/${platform}`));
  return { digest: digest(name), mediaType: 'application/vnd.oci.image.index.v1+json', isIndex: true, platforms: platforms.map((p) => parsePlatform(p)!), manifests, entries };
}

/** `sha256:abc…` → `sha256-abc…` */
export const tagOf = (d: string) => d.replace(':', '-');

export const referrer = (artifactType: string, annotations: Record<string, string> = {}, name = artifactType): ReferrerDescriptor => ({
  digest: digest(name),
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  artifactType,
  annotations,
});

/** An attestation manifest whose layers carry these predicate types under `annotation`. */
export function attestationManifest(predicateTypes: string[], annotation = 'in-toto.io/predicate-type', layerType = 'application/vnd.in-toto+json'): ArtifactManifest {
  return {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    artifactType: 'application/vnd.oci.image.config.v1+json',
    annotations: {},
    layers: predicateTypes.map((type) => ({ mediaType: layerType, annotations: { [annotation]: type } })),
    manifests: [],
  };
}
