import { describe, expect, it } from 'vitest';
import { parseVersion } from '../../src/model/version.js';

// semver.parse strips a `v` or `=` of its own; parseVersion allows exactly one `v`/`V` and nothing else.
describe('parseVersion prefixes', () => {
  it.each(['vv1.2.3', '=1.2.3', 'v=1.2.3', 'Vv1.2.3'])('%s is not a version', (tag) => {
    expect(parseVersion(tag)).toBeNull();
  });
  it.each([['v1.2.3', true], ['V1.2.3', true], ['1.2.3', false]] as const)('%s is a version', (tag, vPrefix) => {
    expect(parseVersion(tag)).toMatchObject({ version: '1.2.3', vPrefix });
  });
});
