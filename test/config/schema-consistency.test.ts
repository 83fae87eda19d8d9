import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { SCHEMA_URL } from '../../src/cli/init.js';
import { CONTRACT_RULE_IDS, EXTENSION_RULE_IDS } from '../../src/config/defaults.js';
import { TOP_LEVEL_KEYS } from '../../src/config/validate.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/tagcheck.schema.json', import.meta.url), 'utf8'));

describe('schema/tagcheck.schema.json stays in step with the code', () => {
  it('is published at the URL `tagcheck init` writes into the yaml-language-server line', () => {
    expect(schema.$id).toBe(SCHEMA_URL);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('has exactly the top-level keys the loader accepts, each with a description for editors', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...TOP_LEVEL_KEYS].sort());
    expect(schema.additionalProperties).toBe(false);
    for (const [key, property] of Object.entries(schema.properties)) expect((property as { description?: string }).description, key).toBeTruthy();
  });

  it('knows every rule id: the contract ids, the documented extensions, and every rule in rules/index.ts', () => {
    const ids = [...CONTRACT_RULE_IDS, ...EXTENSION_RULE_IDS].sort();
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual(ids);
    expect([...schema.definitions.ruleId.enum].sort()).toEqual(ids);
    for (const rule of rules) expect(ids).toContain(rule.id);
  });
});
