import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFixture, readExpectMarkers } from './fixture-harness.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'rules');

interface FixtureCase {
  id: string;
  /** the release tag per variant; absent: no release tag */
  tag?: { failing?: string; clean?: string };
  /** findings with no place in the repository (nothing to put a marker on) */
  unlocated?: { ruleId: string; actual?: string }[];
}

const CASES: FixtureCase[] = [
  { id: 'chart-app-version-mismatch', tag: { failing: 'v0.29.0', clean: 'v0.29.0' } },
  { id: 'chart-version-invalid', tag: { failing: 'v0.40.0', clean: 'v0.40.0' } },
  { id: 'image-tag-inconsistent' },
  { id: 'image-tag-mismatch', tag: { failing: 'v0.29.0', clean: 'v0.29.0' } },
  { id: 'kustomize-image-unmatched', tag: { failing: 'v0.13.1', clean: 'v0.13.1' } },
  { id: 'mutable-image-tag' },
  {
    id: 'release-tag-invalid',
    tag: { failing: 'release-2024-06', clean: 'v2024.6.0' },
    unlocated: [{ ruleId: 'release-tag-invalid', actual: 'release-2024-06' }],
  },
];

describe.each(CASES.map((c) => [c.id, c] as const))('fixtures/rules/%s', (id, fixtureCase) => {
  it.for(['failing', 'clean'] as const)('%s: exactly the marked findings, at the marked place, every manifests rule running', async (variant, ctx) => {
    const dir = join(fixtures, id, variant);
    const { findings, model } = await checkFixture(dir, fixtureCase.tag?.[variant]);
    if (model.files.length === 0) ctx.skip('the manifests source is still the stub on this branch');

    const markers = await readExpectMarkers(dir);
    const located = findings.filter((f) => f.location);
    expect(located.map((f) => `${f.ruleId} ${f.location!.file}:${f.location!.line}`).sort())
      .toEqual(markers.map((m) => `${m.ruleId} ${m.file}:${m.line}`).sort());
    for (const marker of markers) {
      const finding = located.find((f) => f.ruleId === marker.ruleId && f.location!.file === marker.file && f.location!.line === marker.line)!;
      if (marker.column !== undefined) expect(finding.location!.column, `${marker.file}:${marker.line} column`).toBe(marker.column);
      if (marker.expected !== undefined) expect(finding.expected).toBe(marker.expected);
      if (marker.actual !== undefined) expect(finding.actual).toBe(marker.actual);
    }
    const unlocated = findings.filter((f) => !f.location).map((f) => ({ ruleId: f.ruleId, actual: f.actual }));
    expect(unlocated).toEqual(variant === 'failing' ? fixtureCase.unlocated ?? [] : []);

    // the rule under test fails the failing fixture, and the fixture was read without problems
    if (variant === 'failing') expect(findings.some((f) => f.ruleId === id)).toBe(true);
    expect(model.diagnostics.filter((d) => d.level !== 'note')).toEqual([]);
  });
});
