import type { RuleDefinition } from '../src/model/rule.js';
import imageTagMismatch from './image-tag-mismatch.js';

/** Every rule, one sorted line each; the engine, `tagcheck rules` and the meta test read this list. */
export const rules: readonly RuleDefinition[] = [
  imageTagMismatch,
];
