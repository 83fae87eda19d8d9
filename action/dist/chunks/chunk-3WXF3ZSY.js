import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);

// src/model/cluster.ts
var CLUSTER_RESOURCES = ["deployments", "statefulsets", "daemonsets", "cronjobs", "pods"];
function describeObject(object) {
  return `${object.kind} ${object.namespace}/${object.name}`;
}
function registryDigestOf(imageID) {
  const text = (imageID ?? "").trim();
  if (text === "") return { none: "empty" };
  const withoutScheme = text.replace(/^[a-z-]+:\/\//, "");
  const at = withoutScheme.lastIndexOf("@");
  if (at > 0) {
    const digest = withoutScheme.slice(at + 1);
    return /^[a-z0-9]+:[0-9a-f]{32,}$/.test(digest) ? { digest } : { none: "unknown" };
  }
  return /^[a-z0-9]+:[0-9a-f]{32,}$/.test(withoutScheme) ? { none: "local-id" } : { none: "unknown" };
}

export {
  CLUSTER_RESOURCES,
  describeObject,
  registryDigestOf
};
