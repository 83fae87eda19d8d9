import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { runRules } from '../../src/engine/run-rules.js';
import type { HelmChart, ImageUse } from '../../src/model/release.js';
import { at, imageUse, located, release, testConfig, testModel } from '../support/model.js';

const DIGEST = `sha256:${'d'.repeat(64)}`;
const manifestRules = rules.filter((r) => r.scope === 'manifests');

// Small pools, so that tags collide, drift, repeat and share nodes as they do in real repositories.
const releaseTag = fc.constantFrom(undefined, 'v1.0.0', '1.0.0', 'v2.0.0-rc.1', 'nightly-7');
const tagPool = fc.constantFrom(undefined, 'v1.0.0', '1.0.0', 'v0.9.0', 'v2.0.0-rc.1', 'latest', 'main', 'nightly-7');
const repository = fc.constantFrom('ghcr.io/acme/app', 'ghcr.io/acme/api', 'docker.io/library/redis');
const chartSpec = fc.record({ appVersion: fc.constantFrom('1.0.0', 'v0.9.0', '2.0.0-rc.1', 'latest'), vendored: fc.boolean() });
const useSpec = fc.record({
  repository, tag: tagPool, digest: fc.boolean(), node: fc.nat(3),
  source: fc.constantFrom('inline', 'kustomize', 'helm-values', 'helm-app-version'), chart: fc.nat(1), prefixV: fc.boolean(),
});

describe('the manifests rules together', () => {
  it('never report two findings on one node, whatever the model', () => {
    fc.assert(fc.property(releaseTag, fc.array(chartSpec, { maxLength: 2 }), fc.array(useSpec, { maxLength: 7 }), fc.constantFrom('same', 'exact', '{version}'), (tag, chartSpecs, useSpecs, tagFormat) => {
      const charts: HelmChart[] = chartSpecs.map((c, i) => ({
        dir: `chart${i}`, file: `chart${i}/Chart.yaml`, version: located('1.0.0', `chart${i}/Chart.yaml`, 3, 10),
        appVersion: located(c.appVersion, `chart${i}/Chart.yaml`, 4, 13), vendored: c.vendored,
      }));
      const uses: ImageUse[] = useSpecs.map((u, i) => {
        const own = !u.repository.startsWith('docker.io/');
        const chart = charts[u.chart % Math.max(charts.length, 1)];
        if (u.source === 'helm-app-version' && chart) {
          // the effective tag follows the chart's appVersion, as the manifests source computes it
          const effective = `${u.prefixV ? 'v' : ''}${chart.appVersion!.value}`.replace(/^vv/, 'v');
          return imageUse(`${u.repository}:${effective}`, at(`${chart.dir}/values.yaml`, 2 + i, 15), {
            own, kind: 'helm-values', tagAt: at(chart.file, 4, 13), tagSource: 'helm-app-version', chart: chart.dir,
          });
        }
        const reference = `${u.repository}${u.tag ? `:${u.tag}` : ''}${u.digest ? `@${DIGEST}` : ''}`;
        const node = at('deploy/shared.yaml', 10 + u.node, 13);
        return imageUse(reference, at(`deploy/use${i}.yaml`, 5, 16), {
          own, kind: u.source === 'helm-values' ? 'helm-values' : u.source === 'kustomize' ? 'kustomize' : 'workload',
          tagAt: u.tag ? node : at(`deploy/use${i}.yaml`, 5, 16), tagSource: u.tag ? (u.source === 'helm-app-version' ? 'inline' : u.source) as ImageUse['tagSource'] : 'none',
        });
      });
      // uses sharing a tag node share the tag that node holds
      const byNode = new Map<string, string | undefined>();
      const consistent = uses.filter((use) => {
        const key = `${use.tagAt?.file}:${use.tagAt?.line}`;
        if (!byNode.has(key)) { byNode.set(key, use.ref.tag); return true; }
        return byNode.get(key) === use.ref.tag;
      });
      const model = testModel({
        release: tag === undefined ? null : release(tag), charts, imageUses: consistent, config: testConfig({ tagFormat }),
      });
      const findings = runRules(manifestRules, model);
      const places = findings.filter((f) => f.location).map((f) => `${f.location!.file}:${f.location!.line}:${f.location!.column}`);
      expect(places.length, JSON.stringify(findings, null, 1)).toBe(new Set(places).size);
    }), { numRuns: 2000 });
  });
});
