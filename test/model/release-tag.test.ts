import { describe, expect, it } from 'vitest';
import { parseReleaseTag } from '../../src/model/version.js';

describe('parseReleaseTag', () => {
  it.each([
    ['v0.29.0', 'v0.29.0', '0.29.0'],
    ['0.29.0', '0.29.0', '0.29.0'],
    ['controller-v1.12.2', 'v1.12.2', '1.12.2'],
    ['controller-v1.12.0-beta.0', 'v1.12.0-beta.0', '1.12.0-beta.0'],
    ['api/v1.2.3', 'v1.2.3', '1.2.3'],
    ['external-dns-helm-chart-1.10.1', '1.10.1', '1.10.1'],
    ['chartmuseum-3.10.3', '3.10.3', '3.10.3'],
    ['sdk_v2.0.0+build.1', 'v2.0.0+build.1', '2.0.0'],
  ])('reads %s as version %s', (tag, versionTag, version) => {
    const parsed = parseReleaseTag(tag);
    expect(parsed?.tag).toBe(versionTag);
    expect(parsed?.version).toBe(version);
  });

  it.each(['release-0.11', 'main', 'latest', 'nightly-2026-11-26', 'v1.2', '1.2.3.4', '-v1.2.3', 'x-vv1.2.3', ''])(
    'keeps %j a tag that is not a release version',
    (tag) => expect(parseReleaseTag(tag)).toBeNull(),
  );
});
