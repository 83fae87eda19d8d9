import type { ClusterState, DeployedImage } from '../model/cluster.js';
import { describeObject } from '../model/cluster.js';
import { parseImageRef } from '../model/image-ref.js';
import type { Diagnostic, ReleaseModel } from '../model/release.js';
import { ownershipMatcher } from './ownership.js';

/**
 * Every container image of the cluster's workloads and Pods, parsed and marked own by the same matcher as the
 * manifests' images (config `images:`/`components:`, else the repository name). An image the API returned that
 * is not a valid reference is a diagnostic, not a silent skip.
 */
export function deployedImagesOf(model: ReleaseModel, cluster: ClusterState): { images: DeployedImage[]; diagnostics: Diagnostic[] } {
  const matcher = ownershipMatcher(model.config, model.repositoryName);
  const own = new Set(model.ownRepositories);
  const apart = new Set(model.apartRepositories ?? []);
  const images: DeployedImage[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const object of [...cluster.workloads, ...cluster.pods]) {
    for (const container of object.containers) {
      const parsed = parseImageRef(container.image);
      if (!parsed.ok) {
        diagnostics.push({ level: 'warning', message: `cluster ${cluster.context}: ${describeObject(object)} container ${container.name}: ${parsed.error}; not compared` });
        continue;
      }
      const repository = parsed.ref.repository;
      images.push({ object, container, ref: parsed.ref, own: own.has(repository) || (matcher.isOwn(repository) && !apart.has(repository)) });
    }
  }
  return { images, diagnostics };
}
