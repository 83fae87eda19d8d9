import { normalizeRepository } from '../src/model/image-ref.js';
import type { KustomizeImageOverride, ReleaseModel } from '../src/model/release.js';
import { defineRule } from '../src/model/rule.js';

/** A kustomization `images:` entry whose `name` matches no container image of its resources. */
export default defineRule({
  id: 'kustomize-image-unmatched',
  scope: 'manifests',
  level: 'error',
  summary: 'A kustomization `images:` entry must match a container image of its resources',
  description:
    'Kustomize applies an `images:` entry only to containers whose image name equals the entry\'s `name`. When ' +
    'the resources name the image differently (the registry was renamed, the image moved), the entry silently ' +
    'does nothing: `kustomize build` succeeds and deploys whatever tag the resource carries. Entries of ' +
    'kustomizations whose resources could not all be read (remote bases) are not reported.',
  remediation: 'Make the entry\'s `name` the image name the resources use (or update the resources), then check `kubectl kustomize` output.',
  check({ model, report }) {
    for (const override of model.kustomizeOverrides) {
      if (override.matched || override.incomplete) continue;
      const name = override.name.value;
      const candidate = renamedImageCandidate(override, model);
      report({
        message: candidate
          ? `kustomize images entry ${name} matches no container image of its resources, so it changes nothing; the resources use ${candidate}`
          : `kustomize images entry ${name} matches no container image of its resources, so it changes nothing`,
        at: override.name,
        image: normalizeRepository(name),
        actual: name,
        ...(candidate ? { expected: candidate } : {}),
      });
    }
  },
});

/**
 * The image the entry was most likely meant for: the one image of the same kustomization build whose last path
 * component is the entry's (`k8s.gcr.io/descheduler/descheduler` → `registry.k8s.io/descheduler/descheduler`).
 */
function renamedImageCandidate(override: KustomizeImageOverride, model: ReleaseModel): string | undefined {
  const dir = directoryOf(override.file);
  const wanted = normalizeRepository(override.name.value);
  const baseName = lastComponent(wanted);
  const candidates = new Set<string>();
  for (const use of model.imageUses) {
    if (use.kind !== 'workload' || directoryOrRoot(use.kustomization) !== dir) continue;
    // the same repository spelled differently (`nginx` vs `docker.io/library/nginx`) has no better name to offer
    if (use.ref.repository === wanted) continue;
    if (lastComponent(use.ref.repository) === baseName) candidates.add(shortName(use.ref.registry, use.ref.path));
  }
  return candidates.size === 1 ? [...candidates][0] : undefined;
}

function directoryOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '.' : file.slice(0, slash);
}

function directoryOrRoot(dir: string | undefined): string | undefined {
  return dir === '' ? '.' : dir?.replace(/\/$/, '');
}

function lastComponent(repository: string): string {
  return repository.slice(repository.lastIndexOf('/') + 1);
}

/** The name as people write it in a manifest: Docker Hub's implicit host and `library/` left out. */
function shortName(registry: string, path: string): string {
  if (registry !== 'docker.io') return `${registry}/${path}`;
  return path.startsWith('library/') ? path.slice('library/'.length) : path;
}
