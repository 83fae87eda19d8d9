import type { RuleDefinition } from '../src/model/rule.js';
import attestationMissing from './attestation-missing.js';
import chartAppVersionMismatch from './chart-app-version-mismatch.js';
import chartVersionInvalid from './chart-version-invalid.js';
import clusterUnreachable from './cluster-unreachable.js';
import componentsOutOfSync from './components-out-of-sync.js';
import deployedDigestDrift from './deployed-digest-drift.js';
import deployedImageMismatch from './deployed-image-mismatch.js';
import docsVersionStale from './docs-version-stale.js';
import imageMissing from './image-missing.js';
import imageTagInconsistent from './image-tag-inconsistent.js';
import imageTagMismatch from './image-tag-mismatch.js';
import kustomizeImageUnmatched from './kustomize-image-unmatched.js';
import latestIsPrerelease from './latest-is-prerelease.js';
import latestMissing from './latest-missing.js';
import latestNotNewestStable from './latest-not-newest-stable.js';
import manifestIndexMissing from './manifest-index-missing.js';
import mutableImageTag from './mutable-image-tag.js';
import platformMissing from './platform-missing.js';
import registryUnreachable from './registry-unreachable.js';
import releaseTagInvalid from './release-tag-invalid.js';
import signatureMissing from './signature-missing.js';

/** Every rule, one sorted line each; the engine, `tagcheck rules` and the meta test read this list. */
export const rules: readonly RuleDefinition[] = [
  attestationMissing,
  chartAppVersionMismatch,
  chartVersionInvalid,
  clusterUnreachable,
  componentsOutOfSync,
  deployedDigestDrift,
  deployedImageMismatch,
  docsVersionStale,
  imageMissing,
  imageTagInconsistent,
  imageTagMismatch,
  kustomizeImageUnmatched,
  latestIsPrerelease,
  latestMissing,
  latestNotNewestStable,
  manifestIndexMissing,
  mutableImageTag,
  platformMissing,
  registryUnreachable,
  releaseTagInvalid,
  signatureMissing,
];
