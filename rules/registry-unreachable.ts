import type { Lookup } from '../src/model/registry.js';
import { defineRule } from '../src/model/rule.js';
import {
  foundTag,
  locateRepository,
  ownRegistryRepositories,
  referencedTags,
  releaseOrDeployedTags,
  releaseTagOf,
} from '../src/model/registry-view.js';
import { highestStable, latestCandidates } from '../src/model/tag-conventions.js';

/**
 * A registry question could not be answered (DNS, refused, TLS, 401/403, timeout, HTTP status). One finding
 * per host and cause; the other registry rules stay silent for the images concerned rather than guess.
 */
export default defineRule({
  id: 'registry-unreachable',
  scope: 'registry',
  level: 'error',
  summary: 'The registry could not be asked: the message says why (DNS, TLS, auth, timeout, HTTP status)',
  description:
    'tagcheck could not ask a registry about an image, so the registry rules could not check it. The finding names the ' +
    'registry host and the cause. It is a finding, not a crash: the manifest rules still ran.',
  remediation:
    'Check the host name and network, log in (`docker login HOST`, or a credential in DOCKER_CONFIG / REGISTRY_AUTH_FILE), ' +
    'trust the registry\'s CA (NODE_EXTRA_CA_CERTS) or mark it `--insecure-registry HOST`; or run with `--offline`.',
  check({ model, report }) {
    const facts = model.registry;
    if (!facts) return;
    const faults = new Map<string, { host: string; reason: string; repositories: string[] }>();
    const note = (repository: string, lookup: Lookup<unknown> | undefined) => {
      if (lookup?.status !== 'unreachable') return;
      // `HTTP 500 for /v2/acme/app/manifests/v1` and `… /v2/acme/api/tags/list` are one cause on one host
      const key = JSON.stringify([lookup.host, lookup.reason.replace(/\/v2\/\S*/g, '/v2/…')]);
      const fault = faults.get(key) ?? { host: lookup.host, reason: lookup.reason, repositories: [] };
      if (!fault.repositories.includes(repository)) fault.repositories.push(repository);
      faults.set(key, fault);
    };

    const own = ownRegistryRepositories(model);
    for (const repository of own) {
      const list = facts.tagList(repository);
      note(repository, list);
      if (list?.status !== 'found') continue;
      // the tags the request plan may have asked about; others are answered from the list
      const candidates = latestCandidates(list.value);
      const asked = new Set([
        releaseTagOf(model, facts, repository),
        ...referencedTags(model, repository),
        'latest',
        ...(highestStable(list.value)?.tags ?? []),
        ...candidates.prereleases,
        ...candidates.branches,
        ...candidates.commits,
      ]);
      for (const tag of asked) if (tag !== undefined) note(repository, facts.tag(repository, tag));
      // signatures and attestations (`require:`) of the release image and its platform manifests
      for (const tag of releaseOrDeployedTags(model, facts, repository)) {
        const image = tag === undefined ? undefined : foundTag(facts, repository, tag);
        for (const digest of image ? [image.digest, ...(image.entries ?? []).map((m) => m.digest)] : []) {
          note(repository, facts.artifacts?.(repository, digest)?.fault);
        }
      }
    }
    for (const use of model.imageUses) {
      if (own.includes(use.ref.repository) || use.ref.digest) continue;
      note(use.ref.repository, facts.tag(use.ref.repository, use.ref.tag ?? 'latest'));
    }

    for (const { host, reason, repositories } of faults.values()) {
      const sorted = [...repositories].sort();
      const named = sorted.length <= 3 ? sorted.join(', ') : `${sorted.slice(0, 3).join(', ')} and ${sorted.length - 3} more`;
      report({
        message: `registry ${host} could not be asked: ${reason} (not checked: ${named})`,
        at: locateRepository(model, sorted[0]),
        image: sorted[0],
      });
    }
  },
});
