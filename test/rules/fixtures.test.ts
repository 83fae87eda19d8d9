import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { findingKeys, markerKeys } from '../support/expect-markers.js';
import { checkFixture, readMarkerDetails } from './fixture-harness.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'rules');

/**
 * Each rule's fixtures: variant folder → the `--tag` it is checked with (undefined: no release tag), or the tag
 * and the `origin` remote of a clone (the copy becomes a git repository with that remote).
 */
type Variant = string | undefined | { tag?: string; origin: string };
const github = (repo: string) => `https://github.com/${repo}.git`;
const CASES: Record<string, Record<string, Variant>> = {
  'chart-app-version-mismatch': { failing: 'v0.29.0', clean: 'v0.29.0' },
  'chart-version-invalid': { failing: 'v0.40.0', clean: 'v0.40.0' },
  // one variant per shape from real READMEs (trimmed excerpts; see each fixture's NOTICE.md)
  'docs-version-stale': {
    failing: { tag: 'v1.3.0', origin: github('acme/app') },
    'failing-descheduler': { tag: 'v0.29.0', origin: github('kubernetes-sigs/descheduler') },
    'failing-metrics-server': { tag: 'v0.6.4', origin: github('kubernetes-sigs/metrics-server') },
    'failing-docker-run': { tag: 'v0.6.0', origin: github('kubernetes-sigs/metrics-server') },
    'failing-inspektor-gadget': { tag: 'v0.40.0', origin: github('inspektor-gadget/inspektor-gadget') },
    'failing-yaml-image': { tag: 'v0.13.1', origin: github('kubernetes-sigs/external-dns') },
    // Docusaurus keeps the docs of each release line: only the release's own line is checked
    'failing-gatekeeper': { tag: 'v3.23.0', origin: github('open-policy-agent/gatekeeper') },
    clean: { tag: 'v1.3.0', origin: github('acme/app') },
    // a demo image own only by its namespace, named in no manifest and on a line of its own; an upgrade guide
    'clean-contour': { tag: 'v1.33.6', origin: github('projectcontour/contour') },
    'clean-no-release': { origin: github('acme/app') },
  },
  'image-tag-inconsistent': { failing: undefined, clean: undefined },
  // images set by kustomize patches: inline JSON6902 and strategic merge (positions inside the string), a patch file
  'image-tag-mismatch': { failing: 'v0.29.0', 'failing-kustomize-patches': 'v0.29.0', clean: 'v0.29.0' },
  'kustomize-image-unmatched': { failing: 'v0.13.1', clean: 'v0.13.1' },
  'mutable-image-tag': { failing: undefined, clean: undefined },
  // the second failing variant takes its release from `version.from`, so the finding has a place
  'release-tag-invalid': { failing: 'release-2024-06', 'failing-version-from': undefined, clean: 'v2024.6.0' },
};

/**
 * Warnings a fixture must produce. The renamed image of kustomize-image-unmatched is deployed under its old
 * name, which `images:` no longer lists: nothing in the manifests is checked as the project's, and tagcheck says so.
 */
const EXPECTED_WARNINGS: Record<string, string[]> = {
  'kustomize-image-unmatched/failing': [
    'warning .tagcheck.yaml:2 no image in the manifests matches images: in .tagcheck.yaml (registry.k8s.io/external-dns/external-dns); fix the list, or run tagcheck init --force to rediscover them',
  ],
};

describe('fixtures/rules', () => {
  it('cover every manifests rule', () => {
    expect(Object.keys(CASES)).toEqual(rules.filter((r) => r.scope === 'manifests').map((r) => r.id));
  });
});

describe.each(Object.entries(CASES))('fixtures/rules/%s', (id, variants) => {
  const rule = rules.find((r) => r.id === id)!;
  it.each(Object.entries(variants))('%s: exactly the marked findings at the marked places (tagcheck --offline)', async (variant, setting) => {
    const dir = join(fixtures, id, variant);
    const { tag, origin } = typeof setting === 'object' ? setting : { tag: setting, origin: undefined };
    const result = await checkFixture(dir, tag, undefined, origin ? { origin } : {});
    const findings = result.report.findings;

    expect(findingKeys(findings)).toEqual(await markerKeys(dir));
    for (const marker of await readMarkerDetails(dir)) {
      const where = `${marker.file}:${marker.line} ${marker.ruleId}`;
      const finding = findings.find((f) => f.ruleId === marker.ruleId && f.location?.file === marker.file && f.location.line === marker.line);
      if (marker.column !== undefined) expect(finding?.location?.column, `${where} column`).toBe(marker.column);
      if (marker.expected !== undefined) expect(finding?.expected, `${where} expected`).toBe(marker.expected);
      if (marker.actual !== undefined) expect(finding?.actual, `${where} actual`).toBe(marker.actual);
    }

    if (variant.startsWith('failing')) {
      expect(findings.some((f) => f.ruleId === id)).toBe(true);
      expect(result.exitCode).toBe(rule.level === 'error' ? 1 : 0);
    } else {
      expect(findings).toEqual([]);
      expect(result.exitCode).toBe(0);
    }
    // the fixture was read as intended: nothing unparseable, nothing skipped except on purpose (notes), and
    // exactly the run-level warnings the fixture is about
    const warnings = result.diagnostics.filter((d) => d.level !== 'note').map((d) => `${d.level} ${d.file}:${d.line} ${d.message}`);
    expect(warnings).toEqual(EXPECTED_WARNINGS[`${id}/${variant}`] ?? []);
  });
});

describe('config rule levels, end to end', () => {
  const dir = join(fixtures, 'mutable-image-tag', 'failing');

  it('rules: {mutable-image-tag: error} turns the warnings into errors and fails the run', async () => {
    const result = await checkFixture(dir, undefined, 'rules:\n  mutable-image-tag: error\n');
    expect(findingKeys(result.report.findings)).toEqual(await markerKeys(dir));
    expect(result.report.findings.map((f) => f.level)).toEqual(result.report.findings.map(() => 'error'));
    expect(result.exitCode).toBe(1);
  });

  it('rules: {mutable-image-tag: off} does not run the rule', async () => {
    const result = await checkFixture(dir, undefined, 'rules:\n  mutable-image-tag: off\n');
    expect(result.report.findings).toEqual([]);
    expect(result.report.rulesSkipped).toContain('mutable-image-tag');
    expect(result.exitCode).toBe(0);
  });
});
