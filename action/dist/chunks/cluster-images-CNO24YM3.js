import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  ownershipMatcher
} from "./chunk-J4PBTIGS.js";
import "./chunk-7G6ADTDN.js";
import "./chunk-FI5HTOGP.js";
import {
  parseImageRef
} from "./chunk-FQ47HCOD.js";
import {
  describeObject
} from "./chunk-3WXF3ZSY.js";
import "./chunk-EDL2D4W5.js";

// src/engine/cluster-images.ts
function deployedImagesOf(model, cluster) {
  const matcher = ownershipMatcher(model.config, model.repositoryName);
  const own = new Set(model.ownRepositories);
  const apart = new Set(model.apartRepositories ?? []);
  const images = [];
  const diagnostics = [];
  for (const object of [...cluster.workloads, ...cluster.pods]) {
    for (const container of object.containers) {
      const parsed = parseImageRef(container.image);
      if (!parsed.ok) {
        diagnostics.push({ level: "warning", message: `cluster ${cluster.context}: ${describeObject(object)} container ${container.name}: ${parsed.error}; not compared` });
        continue;
      }
      const repository = parsed.ref.repository;
      images.push({ object, container, ref: parsed.ref, own: own.has(repository) || matcher.isOwn(repository) && !apart.has(repository) });
    }
  }
  return { images, diagnostics };
}
export {
  deployedImagesOf
};
