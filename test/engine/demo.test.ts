import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/engine/check.js';
import { findingKeys, markerKeys } from '../support/expect-markers.js';

const demo = fileURLToPath(new URL('../../fixtures/demo', import.meta.url));

describe('fixtures/demo (what `npm run demo` shows)', () => {
  it('finds exactly the drift marked in the fixture', async () => {
    const result = await runCheck({ root: demo, env: {}, tag: 'v1.4.0', scope: 'manifests' });
    expect(findingKeys(result.report.findings)).toEqual(await markerKeys(demo));
    expect(result.exitCode).toBe(1);
    expect(result.diagnostics.filter((d) => d.level !== 'note')).toEqual([]);
  });

  it('third-party images never trigger the release rules', async () => {
    const result = await runCheck({ root: demo, env: {}, tag: 'v1.4.0', scope: 'manifests' });
    const releaseRules = new Set(['image-tag-mismatch', 'image-tag-inconsistent']);
    const thirdParty = result.report.findings.filter((f) => releaseRules.has(f.ruleId) && !f.image?.startsWith('ghcr.io/acme/'));
    expect(thirdParty).toEqual([]);
    expect(result.model.ownRepositories).toEqual(['ghcr.io/acme/shop-api', 'ghcr.io/acme/shop-web', 'ghcr.io/acme/shop-worker']);
  });
});
