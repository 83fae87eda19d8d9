import type { RuleDefinition } from '../src/model/rule.js';
import componentsOutOfSync from './components-out-of-sync.js';
import imageMissing from './image-missing.js';
import imageTagMismatch from './image-tag-mismatch.js';
import latestIsPrerelease from './latest-is-prerelease.js';
import latestMissing from './latest-missing.js';
import latestNotNewestStable from './latest-not-newest-stable.js';
import manifestIndexMissing from './manifest-index-missing.js';
import platformMissing from './platform-missing.js';
import registryUnreachable from './registry-unreachable.js';

/** Every rule, one sorted line each; the engine, `tagcheck rules` and the meta test read this list. */
export const rules: readonly RuleDefinition[] = [
  componentsOutOfSync,
  imageMissing,
  imageTagMismatch,
  latestIsPrerelease,
  latestMissing,
  latestNotNewestStable,
  manifestIndexMissing,
  platformMissing,
  registryUnreachable,
];
