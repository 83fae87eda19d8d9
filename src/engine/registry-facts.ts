import { deployedOwnRepositories, deployedTagsOf } from '../model/cluster-view.js';
import type { ArtifactManifest, Lookup, ReferrerDescriptor, RegistryFacts, SubjectArtifacts, TagFacts } from '../model/registry.js';
import type { ReleaseModel } from '../model/release.js';
import {
  ownRegistryRepositories,
  referencedTags,
  requiredPlatforms,
} from '../model/registry-view.js';
import { highestStable, latestCandidates, perArchTagsOf, releaseImageTag } from '../model/tag-conventions.js';
import type { RegistrySource } from '../sources/registry/source.js';
import { gatherReleaseArtifacts, requiresArtifacts } from './artifact-facts.js';

/*
 * The request plan: the fewest registry questions the registry rules need (the benchmark counts requests
 * against it). Every question is asked at most once per run; repositories proceed independently and in
 * parallel, and the source limits concurrency.
 *
 * For each own repository (configured images, components, own images the manifests use):
 *   1. its tag list. It alone answers whether the release tag, per-arch tags (`v1.2.3-linux-amd64`, …) and
 *      `latest` exist, which stable, prerelease and development tags there are, and whether the tags the
 *      manifests use exist: a tag missing from the list is "not found" without a request. When the list is
 *      not found or unreachable, nothing else is asked for that repository.
 *   2. in parallel, the manifests of
 *      - the release's tag (with no release: each listed tag the manifests use), only when platforms are
 *        required for the repository or per-arch tags of it are listed (its index and platforms matter then);
 *      - `latest`, when listed;
 *      - the highest stable tag by SemVer precedence, when `latest` is listed (its digest decides the
 *        `latest` rules). When the release is that tag, this is the same question as above, asked once.
 *   3. only when `latest` is not the image of that tag: the other spellings of the same version (`1.2.3`
 *      beside `v1.2.3`), up to 5 prereleases above it, and the branch tags listed (main, master, dev,
 *      develop, edge, nightly, canary);
 *   4. only when still nothing matched `latest`: up to 8 commit tags (`sha-…`).
 *   6. only when `require:` asks for signatures or attestations (beside steps 2–4): the release tag's manifest
 *      (shared with step 2), then per digest one referrers API request and the fallbacks it leaves open (see
 *      artifact-facts.ts); a signature shown by cosign's `sha256-<hex>.sig` tag in the list costs nothing.
 * For each third-party image the manifests use: one manifest per distinct repository:tag (an untagged
 * reference means `latest`; a digest-pinned one is not asked: the digest, not the tag, decides what runs).
 *
 * For the cluster rules (only when the cluster was read), per own repository the cluster runs:
 *   5. after steps 1–4, each tag its Pods run at (deployed-digest-drift compares the Pods' digests with it) and,
 *      when a workload runs it pinned by digest only, the release's tag (deployed-image-mismatch compares digests).
 *      A tag the plan already asked is not asked again, and a tag missing from the listed tags is "not found"
 *      without a request. With only the cluster rules running (`--scope cluster`), step 5 is the whole plan: the
 *      deployed tags are asked directly and the tag list only when the release tag's spelling needs it.
 *
 * A clean release with `latest` therefore costs 3 requests per own repository (tag list, release tag,
 * `latest`) plus one per third-party image tag; a release without required platforms and without
 * `latest` costs 1.
 */
export async function gatherRegistryFacts(
  model: ReleaseModel,
  source: RegistrySource,
  plan: { registryRules: boolean } = { registryRules: true },
): Promise<RegistryFacts> {
  const facts = new GatheredFacts();
  const asker = new Asker(source, facts);
  const deployed = deployedOwnRepositories(model);
  if (!plan.registryRules) {
    await Promise.all(deployed.map((repository) => gatherDeployedTags(model, repository, asker)));
    return facts;
  }
  const ownRepositories = ownRegistryRepositories(model);
  const own = new Set(ownRepositories);
  const clusterOnly = deployed.filter((repository) => !own.has(repository));

  const thirdParty = new Set<string>();
  for (const use of model.imageUses) {
    if (own.has(use.ref.repository) || use.ref.digest) continue;
    thirdParty.add(JSON.stringify([use.ref.repository, use.ref.tag ?? 'latest']));
  }

  await Promise.all([
    ...ownRepositories.map((repository) => gatherOwnRepository(model, repository, asker).then(() => gatherDeployedTags(model, repository, asker))),
    ...clusterOnly.map((repository) => gatherDeployedTags(model, repository, asker)),
    ...[...thirdParty].map((key) => {
      const [repository, tag] = JSON.parse(key) as [string, string];
      return asker.tag(repository, tag);
    }),
  ]);
  return facts;
}

/** Steps 1–4 and 6 of the plan for one own repository. */
async function gatherOwnRepository(model: ReleaseModel, repository: string, asker: Asker): Promise<void> {
  const list = await asker.tagList(repository);
  if (list.status !== 'found') return;
  const tags = list.value;
  const listed = new Set(tags);

  const version = model.release?.version ?? null;
  const used = referencedTags(model, repository);
  const focusTags = version
    ? [releaseImageTag(version, model.config.tagFormat, tags, used)]
    : used.filter((tag) => tag !== 'latest');
  const needsPlatforms = requiredPlatforms(model.config, repository).length > 0;
  const needsArtifacts = requiresArtifacts(model.config.require);

  const step2: string[] = [];
  for (const tag of focusTags) {
    if (listed.has(tag) && (needsPlatforms || needsArtifacts || perArchTagsOf(tags, tag).length > 0)) step2.push(tag);
  }
  // step 6 runs beside the `latest` questions; it shares the release tag's answer with step 2
  await Promise.all([
    gatherLatest(repository, tags, step2, asker),
    needsArtifacts ? gatherReleaseArtifacts(model.config.require, repository, tags, focusTags, asker) : undefined,
  ]);
}

/** Steps 2–4: the release tags' manifests, then what `latest` is. */
async function gatherLatest(repository: string, tags: string[], step2: string[], asker: Asker): Promise<void> {
  const listed = new Set(tags);
  if (!listed.has('latest')) {
    await Promise.all(step2.map((tag) => asker.tag(repository, tag)));
    return;
  }
  const stable = highestStable(tags);
  // ask the spelling already in step 2 when the release is the newest version, so it is one question
  const firstStable = stable ? (stable.tags.find((tag) => step2.includes(tag)) ?? stable.tags[0]) : undefined;
  step2.push('latest');
  if (firstStable !== undefined) step2.push(firstStable);
  const answers = await Promise.all(step2.map((tag) => asker.tag(repository, tag)));

  const latest = answers[step2.indexOf('latest')];
  if (latest.status !== 'found') return;
  const matches = (tag: string) => {
    const answer = asker.answered(repository, tag);
    return answer?.status === 'found' && answer.value.digest === latest.value.digest;
  };
  if (firstStable !== undefined && matches(firstStable)) return;

  const candidates = latestCandidates(tags);
  const step3 = [...(stable?.tags ?? []), ...candidates.prereleases, ...candidates.branches];
  await Promise.all(step3.map((tag) => asker.tag(repository, tag)));
  if (step3.some(matches)) return;

  await Promise.all(candidates.commits.map((tag) => asker.tag(repository, tag)));
}

/** Step 5: the tags the cluster runs a repository at, and the release tag when a workload pins it by digest. */
async function gatherDeployedTags(model: ReleaseModel, repository: string, asker: Asker): Promise<void> {
  const { tags, digestOnly } = deployedTagsOf(model, repository);
  const version = model.release?.version ?? null;
  let list = asker.answeredList(repository);
  if (digestOnly && version && !list) list = await asker.tagList(repository);
  if (list && list.status !== 'found') return; // absent or unreachable: the facts answer from the list
  const listed = list ? new Set(list.value) : undefined;
  const wanted = [...tags];
  if (digestOnly && version && list) wanted.push(releaseImageTag(version, model.config.tagFormat, list.value, referencedTags(model, repository)));
  await Promise.all(wanted.filter((tag) => !listed || listed.has(tag)).map((tag) => asker.tag(repository, tag)));
}

/** Asks each question once: concurrent askers of the same question share one request. */
class Asker {
  private readonly pending = new Map<string, Promise<unknown>>();

  constructor(
    private readonly source: RegistrySource,
    private readonly facts: GatheredFacts,
  ) {}

  tagList(repository: string): Promise<Lookup<string[]>> {
    return this.once(`list ${repository}`, async () => {
      const answer = await settle(() => this.source.listTags(repository), repository);
      this.facts.lists.set(repository, answer);
      return answer;
    });
  }

  tag(repository: string, tag: string): Promise<Lookup<TagFacts>> {
    return this.once(`tag ${repository}:${tag}`, async () => {
      const answer = await settle(() => this.source.getTag(repository, tag), repository);
      this.facts.tags.set(tagKey(repository, tag), answer);
      return answer;
    });
  }

  referrers(repository: string, digest: string): Promise<Lookup<ReferrerDescriptor[]>> {
    return this.once(`referrers ${repository}@${digest}`, () =>
      settle(() => (this.source.getReferrers ? this.source.getReferrers(repository, digest) : Promise.resolve(NOT_FOUND)), repository),
    );
  }

  manifest(repository: string, reference: string): Promise<Lookup<ArtifactManifest>> {
    return this.once(`manifest ${repository}@${reference}`, () =>
      settle(() => (this.source.getManifest ? this.source.getManifest(repository, reference) : Promise.resolve(NOT_FOUND)), repository),
    );
  }

  predicate(repository: string, layerDigest: string): Promise<Lookup<string | null>> {
    return this.once(`predicate ${repository}@${layerDigest}`, () =>
      settle(() => (this.source.getPredicateType ? this.source.getPredicateType(repository, layerDigest) : Promise.resolve(NOT_FOUND)), repository),
    );
  }

  record(repository: string, artifacts: SubjectArtifacts): void {
    this.facts.subjects.set(tagKey(repository, artifacts.digest), artifacts);
  }

  answeredList(repository: string): Lookup<string[]> | undefined {
    return this.facts.lists.get(repository);
  }

  answered(repository: string, tag: string): Lookup<TagFacts> | undefined {
    return this.facts.tags.get(tagKey(repository, tag));
  }

  private once<T>(key: string, ask: () => Promise<T>): Promise<T> {
    let promise = this.pending.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = ask();
      this.pending.set(key, promise);
    }
    return promise;
  }
}

/**
 * Sources report faults as `unreachable` and never throw; a throw anyway is still a registry that could
 * not be asked, not a crash of the whole check.
 */
async function settle<T>(ask: () => Promise<Lookup<T>>, repository: string): Promise<Lookup<T>> {
  try {
    return await ask();
  } catch (error) {
    return { status: 'unreachable', host: repository.split('/')[0], reason: error instanceof Error ? error.message : String(error) };
  }
}

const NOT_FOUND: Lookup<never> = { status: 'not-found' };

function tagKey(repository: string, tag: string): string {
  return `${repository}\u0000${tag}`;
}

/** Answers from what was gathered; a tag absent from its repository's tag list is not found without asking. */
class GatheredFacts implements RegistryFacts {
  readonly lists = new Map<string, Lookup<string[]>>();
  readonly tags = new Map<string, Lookup<TagFacts>>();
  readonly subjects = new Map<string, SubjectArtifacts>();

  artifacts(repository: string, digest: string): SubjectArtifacts | undefined {
    return this.subjects.get(tagKey(repository, digest));
  }

  tagList(repository: string): Lookup<string[]> | undefined {
    return this.lists.get(repository);
  }

  tag(repository: string, tag: string): Lookup<TagFacts> | undefined {
    const asked = this.tags.get(tagKey(repository, tag));
    if (asked) return asked;
    const list = this.lists.get(repository);
    if (!list) return undefined;
    if (list.status === 'found') return list.value.includes(tag) ? undefined : NOT_FOUND;
    return list;
  }
}
