import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);

// src/sources/registry/fault.ts
var RegistryFault = class extends Error {
  name = "RegistryFault";
};
function redactUrl(url) {
  let parsed;
  try {
    parsed = new URL(url.toString());
  } catch {
    return "(invalid URL)";
  }
  parsed.username = "";
  parsed.password = "";
  for (const key of [...parsed.searchParams.keys()]) {
    if (/token|secret|password|passwd|sig|signature|credential|key|auth/i.test(key)) parsed.searchParams.set(key, "REDACTED");
  }
  return parsed.toString();
}

// src/sources/registry/manifest.ts
var MANIFEST_TYPES = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json"
};
var MANIFEST_ACCEPT = [MANIFEST_TYPES.ociIndex, MANIFEST_TYPES.dockerList, MANIFEST_TYPES.ociManifest, MANIFEST_TYPES.dockerManifest].join(", ");
var INDEX_TYPES = /* @__PURE__ */ new Set([MANIFEST_TYPES.ociIndex, MANIFEST_TYPES.dockerList]);
var IMAGE_TYPES = /* @__PURE__ */ new Set([MANIFEST_TYPES.ociManifest, MANIFEST_TYPES.dockerManifest]);
var IMAGE_CONFIG_TYPES = /* @__PURE__ */ new Set(["application/vnd.oci.image.config.v1+json", "application/vnd.docker.container.image.v1+json"]);
function parseManifest(body, contentType) {
  const headerType = (contentType ?? "").split(";")[0].trim().toLowerCase();
  let doc;
  try {
    doc = JSON.parse(body.toString("utf8"));
  } catch {
    throw new RegistryFault(`invalid manifest: not JSON (content type ${headerType || "missing"}, ${body.length} bytes)`);
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new RegistryFault("invalid manifest: not a JSON object");
  const bodyType = typeof doc.mediaType === "string" ? doc.mediaType : "";
  const known = (t) => INDEX_TYPES.has(t) || IMAGE_TYPES.has(t);
  const mediaType = known(bodyType) ? bodyType : known(headerType) ? headerType : Array.isArray(doc.manifests) ? MANIFEST_TYPES.ociIndex : doc.config ? MANIFEST_TYPES.ociManifest : "";
  if (!mediaType) {
    throw new RegistryFault(`unexpected manifest: content type ${headerType || "missing"} and no index or image manifest in the body`);
  }
  if (INDEX_TYPES.has(mediaType)) {
    if (!Array.isArray(doc.manifests)) throw new RegistryFault('invalid index: "manifests" is not a list');
    return { kind: "index", mediaType, ...indexEntries(doc.manifests), entries: allIndexEntries(doc.manifests) };
  }
  const config = doc.config;
  const usable = config && typeof config.digest === "string" && typeof config.mediaType === "string";
  return { kind: "image", mediaType, config: usable ? { digest: config.digest, mediaType: config.mediaType } : null };
}
function indexEntries(entries) {
  const platforms = [];
  const manifests = [];
  for (const entry of entries) {
    if (!entry || typeof entry !== "object") continue;
    if (entry.annotations?.["vnd.docker.reference.type"] === "attestation-manifest") continue;
    const platform = platformOf(entry.platform);
    if (!platform || platform.os === "unknown" && platform.architecture === "unknown") continue;
    platforms.push(platform);
    if (typeof entry.digest === "string" && !manifests.includes(entry.digest)) manifests.push(entry.digest);
  }
  return { platforms, manifests };
}
function allIndexEntries(entries) {
  const result = [];
  for (const entry of entries) {
    if (!entry || typeof entry !== "object" || typeof entry.digest !== "string") continue;
    const attestation = entry.annotations?.["vnd.docker.reference.type"] === "attestation-manifest";
    const attestationFor = attestation ? entry.annotations?.["vnd.docker.reference.digest"] : void 0;
    const platform = platformOf(entry.platform);
    const runnable = platform && !(platform.os === "unknown" && platform.architecture === "unknown") && !attestation;
    result.push({ digest: entry.digest, platform: runnable ? platform : null, ...typeof attestationFor === "string" ? { attestationFor } : {} });
  }
  return result;
}
function stringAnnotations(value) {
  const result = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return result;
  for (const [key, text] of Object.entries(value)) if (typeof text === "string") result[key] = text;
  return result;
}
function referrerDescriptors(manifests) {
  if (!Array.isArray(manifests)) return [];
  const result = [];
  for (const entry of manifests) {
    if (!entry || typeof entry !== "object" || typeof entry.digest !== "string") continue;
    const artifactType = entry.artifactType;
    result.push({
      digest: entry.digest,
      mediaType: typeof entry.mediaType === "string" ? entry.mediaType : "",
      ...typeof artifactType === "string" && artifactType ? { artifactType } : {},
      annotations: stringAnnotations(entry.annotations)
    });
  }
  return result;
}
function parseReferrers(body) {
  try {
    const doc = JSON.parse(body.toString("utf8"));
    if (!doc || typeof doc !== "object" || !Array.isArray(doc.manifests)) return null;
    return referrerDescriptors(doc.manifests);
  } catch {
    return null;
  }
}
function parseArtifactManifest(body, contentType) {
  let doc;
  try {
    doc = JSON.parse(body.toString("utf8"));
  } catch {
    throw new RegistryFault(`invalid manifest: not JSON (${body.length} bytes)`);
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new RegistryFault("invalid manifest: not a JSON object");
  const headerType = (contentType ?? "").split(";")[0].trim().toLowerCase();
  const configType = typeof doc.config?.mediaType === "string" ? doc.config.mediaType : void 0;
  const artifactType = typeof doc.artifactType === "string" && doc.artifactType ? doc.artifactType : configType;
  const layers = Array.isArray(doc.layers) ? doc.layers.filter((l) => l && typeof l === "object").map((l) => ({ mediaType: typeof l.mediaType === "string" ? l.mediaType : "", annotations: stringAnnotations(l.annotations), ...typeof l.digest === "string" ? { digest: l.digest } : {} })) : [];
  return {
    mediaType: typeof doc.mediaType === "string" ? doc.mediaType : headerType,
    ...artifactType ? { artifactType } : {},
    annotations: stringAnnotations(doc.annotations),
    layers,
    manifests: referrerDescriptors(doc.manifests)
  };
}
function platformOf(source) {
  if (!source || typeof source.os !== "string" || typeof source.architecture !== "string" || !source.os || !source.architecture) return null;
  return {
    os: source.os.toLowerCase(),
    architecture: source.architecture.toLowerCase(),
    ...typeof source.variant === "string" && source.variant ? { variant: source.variant.toLowerCase() } : {},
    ...typeof source["os.version"] === "string" && source["os.version"] ? { osVersion: source["os.version"] } : {}
  };
}
function parseImageConfig(body) {
  try {
    return platformOf(JSON.parse(body.toString("utf8")));
  } catch {
    throw new RegistryFault("invalid image config: not JSON");
  }
}
function parseTagList(body) {
  let doc;
  try {
    doc = JSON.parse(body.toString("utf8"));
  } catch {
    throw new RegistryFault("invalid tag list: not JSON");
  }
  if (!doc || typeof doc !== "object") throw new RegistryFault("invalid tag list: not a JSON object");
  if (doc.tags === null || doc.tags === void 0) return [];
  if (!Array.isArray(doc.tags)) throw new RegistryFault('invalid tag list: "tags" is not a list');
  return doc.tags.filter((t) => typeof t === "string");
}
function nextPageLink(header) {
  const text = Array.isArray(header) ? header.join(", ") : header;
  if (!text) return null;
  for (const part of text.split(/,(?=\s*<)/)) {
    const m = /<([^>]+)>\s*;(.*)$/.exec(part.trim());
    if (m && /rel\s*=\s*"?next"?/i.test(m[2])) return m[1];
  }
  return null;
}
function parsePredicateType(body) {
  try {
    const doc = JSON.parse(body.toString("utf8"));
    if (typeof doc?.predicateType === "string") return doc.predicateType;
    if (typeof doc?.payload !== "string") return null;
    const statement = JSON.parse(Buffer.from(doc.payload, "base64").toString("utf8"));
    return typeof statement?.predicateType === "string" ? statement.predicateType : null;
  } catch {
    return null;
  }
}

export {
  RegistryFault,
  redactUrl,
  MANIFEST_TYPES,
  MANIFEST_ACCEPT,
  IMAGE_CONFIG_TYPES,
  parseManifest,
  parseReferrers,
  parseArtifactManifest,
  parseImageConfig,
  parseTagList,
  nextPageLink,
  parsePredicateType
};
