import type { RuleDefinition } from '../src/model/rule.js';
import imageMissing from './image-missing.js';
import manifestIndexMissing from './manifest-index-missing.js';
import platformMissing from './platform-missing.js';

/** Every rule, one sorted line each; the engine, `tagcheck rules` and the meta test read this list. */
export const rules: readonly RuleDefinition[] = [
  imageMissing,
  manifestIndexMissing,
  platformMissing,
];
