import type { Requirements } from '../model/config.js';
import { formatPlatform } from '../model/platform.js';
import type { ArtifactManifest, FoundAttestation, Lookup, ReferrerDescriptor, SubjectArtifacts, TagFacts } from '../model/registry.js';
import { attestation, classifyReferrer, digestTag, layerPredicateTypes, satisfiesKind } from '../model/supply-chain.js';

/** The questions signature and attestation gathering asks; each is asked once per run (see registry-facts.ts). */
export interface ArtifactAsker {
  tag(repository: string, tag: string): Promise<Lookup<TagFacts>>;
  referrers(repository: string, digest: string): Promise<Lookup<ReferrerDescriptor[]>>;
  manifest(repository: string, reference: string): Promise<Lookup<ArtifactManifest>>;
  predicate(repository: string, layerDigest: string): Promise<Lookup<string | null>>;
  record(repository: string, artifacts: SubjectArtifacts): void;
}

interface Needs {
  signature: boolean;
  kinds: string[];
}

/** At most this many referrers or attestation manifests are read per digest: a registry cannot make the run explode. */
const MAX_MANIFESTS_PER_SUBJECT = 8;

export function requiresArtifacts(require: Requirements): boolean {
  return require.signatures !== undefined || (require.attestations?.kinds.length ?? 0) > 0;
}

/**
 * Step 6 of the request plan, only when `require:` asks: for the release tag's digest (and, where
 * `platforms: true`, each platform manifest of its index), in this order and only until what is required is
 * found:
 *   a. the tag list already fetched: cosign's `sha256-<hex>.sig` (a signature) and `.sbom` (an SBOM): no request;
 *   b. one referrers API request per digest (`GET /v2/<name>/referrers/<digest>`); the referrers tag schema's
 *      `sha256-<hex>` index when the tag list has it and the registry does not serve the API, or served it without
 *      all that is required (notation writes the tag by default); the manifests of referrers whose predicate types
 *      are on their layers (buildx attestation referrers);
 *   c. attestations only: cosign's `sha256-<hex>.att` manifest when listed, then the BuildKit attestation
 *      manifests inside the index that are about the digest.
 * Signatures are found, never verified: no trust root is reachable offline.
 */
export async function gatherReleaseArtifacts(require: Requirements, repository: string, tags: string[], releaseTags: string[], asker: ArtifactAsker): Promise<void> {
  const listed = new Set(tags);
  const subjects = new Map<string, { needs: Needs; index?: TagFacts; platformOf?: TagFacts }>();
  const want = (digest: string, needs: Needs, context: { index?: TagFacts; platformOf?: TagFacts }) => {
    const known = subjects.get(digest);
    if (!known) return subjects.set(digest, { needs: { ...needs, kinds: [...needs.kinds] }, ...context });
    known.needs.signature ||= needs.signature;
    for (const kind of needs.kinds) if (!known.needs.kinds.includes(kind)) known.needs.kinds.push(kind);
    return subjects;
  };
  const signatures = require.signatures;
  const kinds = require.attestations?.kinds ?? [];

  for (const tag of releaseTags) {
    if (!listed.has(tag)) continue;
    const answer = await asker.tag(repository, tag);
    if (answer.status !== 'found') continue;
    const image = answer.value;
    want(image.digest, { signature: signatures !== undefined, kinds }, image.isIndex ? { index: image } : {});
    if (!image.isIndex) continue;
    const platformNeeds = { signature: signatures?.platforms === true, kinds: require.attestations?.platforms ? kinds : [] };
    if (!platformNeeds.signature && platformNeeds.kinds.length === 0) continue;
    for (const entry of image.entries ?? []) if (entry.platform) want(entry.digest, platformNeeds, { platformOf: image });
  }
  await Promise.all(
    [...subjects].map(async ([digest, { needs, index, platformOf }]) =>
      asker.record(repository, await artifactsOf(repository, digest, needs, listed, asker, index ?? platformOf, index !== undefined)),
    ),
  );
}

async function artifactsOf(
  repository: string,
  digest: string,
  needs: Needs,
  listed: Set<string>,
  asker: ArtifactAsker,
  index: TagFacts | undefined,
  isTheIndex: boolean,
): Promise<SubjectArtifacts> {
  const result: SubjectArtifacts = { digest, signatures: [], attestations: [], looked: [] };
  const missingKinds = () => needs.kinds.filter((kind) => !result.attestations.some((found) => satisfiesKind(found, kind)));
  const satisfied = () => (!needs.signature || result.signatures.length > 0) && missingKinds().length === 0;
  const fault = (lookup: Lookup<unknown>) => {
    if (lookup.status === 'unreachable') result.fault ??= lookup;
  };
  const base = digestTag(digest);

  // a. from the tag list alone
  if (needs.signature) {
    result.looked.push({ where: `cosign tag ${short(base)}.sig`, for: 'signatures' });
    if (listed.has(`${base}.sig`)) result.signatures.push(`cosign tag ${short(base)}.sig`);
  }
  if (needs.kinds.includes('sbom')) {
    result.looked.push({ where: `cosign tag ${short(base)}.sbom`, for: 'attestations' });
    if (listed.has(`${base}.sbom`)) result.attestations.push(attestation(null, `cosign tag ${short(base)}.sbom`, 'sbom'));
  }
  if (satisfied()) return result;

  // b. the referrers API, else (or when it left something open and the tag exists) the referrers tag schema
  const absorb = async (referrers: ReferrerDescriptor[], where: string) => {
    const toRead: ReferrerDescriptor[] = [];
    for (const descriptor of referrers) {
      const verdict = classifyReferrer(descriptor);
      if (verdict.kind === 'signature') result.signatures.push(where);
      else if (verdict.kind === 'attestation') result.attestations.push(attestation(verdict.predicateType, where, verdict.sbom ? 'sbom' : undefined));
      else if (verdict.kind === 'read-manifest') toRead.push(descriptor);
    }
    if (missingKinds().length === 0) return;
    await Promise.all(
      toRead.slice(0, MAX_MANIFESTS_PER_SUBJECT).map(async (descriptor) => {
        const manifest = await asker.manifest(repository, descriptor.digest);
        fault(manifest);
        if (manifest.status === 'found') for (const type of await predicateTypes(repository, manifest.value, asker, result)) result.attestations.push(attestation(type, where));
      }),
    );
  };
  const api = await asker.referrers(repository, digest);
  fault(api);
  const schemaTag = `referrers tag ${short(base)}`;
  if (api.status === 'found') {
    result.looked.push({ where: 'the referrers API', for: 'both' });
    await absorb(api.value, 'the referrers API');
  }
  // a registry that gained the API keeps what clients wrote to the tag schema before: read it only when listed
  const schemaListed = listed.has(base);
  if (api.status === 'not-found' || (api.status === 'found' && schemaListed && !satisfied())) {
    result.looked.push({ where: api.status === 'found' ? schemaTag : `the referrers API (not served by the registry), ${schemaTag}`, for: 'both' });
    if (schemaListed) {
      const schema = await asker.manifest(repository, base);
      fault(schema);
      if (schema.status === 'found') await absorb(schema.value.manifests, schemaTag);
    }
  }
  if (needs.kinds.length === 0 || missingKinds().length === 0) return result;

  // c. cosign's .att tag, then BuildKit attestation manifests in the index
  result.looked.push({ where: `cosign tag ${short(base)}.att`, for: 'attestations' });
  if (listed.has(`${base}.att`)) {
    const att = await asker.manifest(repository, `${base}.att`);
    fault(att);
    if (att.status === 'found') {
      for (const type of await predicateTypes(repository, att.value, asker, result)) result.attestations.push(attestation(type, `cosign tag ${short(base)}.att`));
    }
  }
  if (index && missingKinds().length > 0) result.attestations.push(...(await buildkitAttestations(repository, digest, index, isTheIndex, missingKinds(), asker, result)));
  return result;
}

/**
 * BuildKit stores one attestation manifest per platform inside the index. A platform manifest has a kind when its
 * own attestation manifest does; the index has it when every runnable platform's does (which one is missing is
 * named in `looked`).
 */
async function buildkitAttestations(
  repository: string,
  digest: string,
  index: TagFacts,
  isTheIndex: boolean,
  wanted: string[],
  asker: ArtifactAsker,
  result: SubjectArtifacts,
): Promise<FoundAttestation[]> {
  const entries = index.entries ?? [];
  if (!entries.some((entry) => entry.attestationFor !== undefined)) {
    result.looked.push({ where: 'attestation manifests in the index (it has none)', for: 'attestations' });
    return [];
  }
  const platforms = entries.filter((entry) => entry.platform && (isTheIndex || entry.digest === digest));
  const attestationsOf = async (platformDigest: string): Promise<FoundAttestation[]> => {
    const about = entries.filter((entry) => entry.attestationFor === platformDigest).slice(0, MAX_MANIFESTS_PER_SUBJECT);
    const found: FoundAttestation[] = [];
    for (const entry of about) {
      const manifest = await asker.manifest(repository, entry.digest);
      if (manifest.status === 'unreachable') result.fault ??= manifest;
      if (manifest.status === 'found') for (const type of await predicateTypes(repository, manifest.value, asker, result)) found.push(attestation(type, where));
    }
    return found;
  };
  const where = isTheIndex ? 'attestation manifests in the index' : 'its attestation manifest in the index';
  const perPlatform = await Promise.all(platforms.map(async (entry) => ({ platform: formatPlatform(entry.platform!), found: await attestationsOf(entry.digest) })));
  // which platform lacks what: the index counts as attested for a kind only when every platform is
  const lacking = perPlatform
    .map(({ platform, found }) => ({ platform, kinds: wanted.filter((kind) => !found.some((f) => satisfiesKind(f, kind))) }))
    .filter(({ kinds }) => kinds.length > 0);
  const detail = isTheIndex && lacking.length ? ` (${lacking.map(({ platform, kinds }) => `${platform} lacks ${kinds.join(', ')}`).join('; ')})` : '';
  result.looked.push({ where: `${where}${detail}`, for: 'attestations' });
  if (perPlatform.length === 0) return [];
  const [first, ...rest] = perPlatform.map(({ found }) => found);
  return first.filter((candidate) => rest.every((found) => found.some((f) => f.predicateType === candidate.predicateType)));
}

/**
 * The predicate type of each layer of an attestation manifest: from its annotation (cosign `predicateType`,
 * BuildKit `in-toto.io/predicate-type`), else from the layer itself (cosign before it annotated, other tools),
 * at most MAX_MANIFESTS_PER_SUBJECT layers read.
 */
async function predicateTypes(repository: string, manifest: ArtifactManifest, asker: ArtifactAsker, result: SubjectArtifacts): Promise<(string | null)[]> {
  const annotated = layerPredicateTypes(manifest.layers);
  let reads = 0;
  return Promise.all(
    annotated.map(async (type, i) => {
      const digest = manifest.layers[i].digest;
      if (type !== null || !digest || reads++ >= MAX_MANIFESTS_PER_SUBJECT) return type;
      const read = await asker.predicate(repository, digest);
      if (read.status === 'unreachable') result.fault ??= read;
      return read.status === 'found' ? read.value : null;
    }),
  );
}

/** `sha256-0123456789ab…`: enough of a digest tag to recognize it in a message. */
function short(tag: string): string {
  return tag.length > 19 ? `${tag.slice(0, 19)}…` : tag;
}
