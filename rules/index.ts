import type { RuleDefinition } from '../src/model/rule.js';
import chartAppVersionMismatch from './chart-app-version-mismatch.js';
import chartVersionInvalid from './chart-version-invalid.js';
import imageTagInconsistent from './image-tag-inconsistent.js';
import imageTagMismatch from './image-tag-mismatch.js';
import kustomizeImageUnmatched from './kustomize-image-unmatched.js';
import mutableImageTag from './mutable-image-tag.js';
import releaseTagInvalid from './release-tag-invalid.js';

/** Every rule, one sorted line each; the engine, `tagcheck rules` and the meta test read this list. */
export const rules: readonly RuleDefinition[] = [
  chartAppVersionMismatch,
  chartVersionInvalid,
  imageTagInconsistent,
  imageTagMismatch,
  kustomizeImageUnmatched,
  mutableImageTag,
  releaseTagInvalid,
];
