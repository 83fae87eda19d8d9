import { defineRule } from '../src/model/rule.js';
import { appVersionDrift } from './support/image-uses.js';

/** A project chart's `appVersion` is not the release version. */
export default defineRule({
  id: 'chart-app-version-mismatch',
  scope: 'manifests',
  level: 'error',
  summary: 'A Helm chart\'s `appVersion` must be the release version',
  description:
    'Charts usually default their image tag to `.Chart.AppVersion`, so an `appVersion` left behind deploys the ' +
    'previous release. The comparison ignores a `v` prefix on either side (`appVersion: 0.29.0` with the tag ' +
    '`v0.29.0` is fine) whatever `tagFormat` says; prereleases and build metadata must match. Vendored ' +
    'dependency charts and charts that only deploy third-party images are not checked.',
  remediation: 'Set `appVersion` in Chart.yaml to the release version (and bump the chart `version`), e.g. `appVersion: "0.29.0"`.',
  check({ model, report }) {
    const release = model.release;
    if (!release) return;
    for (const chart of model.charts) {
      const drift = appVersionDrift(chart, release, model);
      if (!drift) continue;
      const name = chart.name?.value ?? chart.dir;
      report({
        message: `Helm chart ${name} has appVersion ${drift.appVersion.value}, but the release is ${drift.expected}`,
        at: drift.appVersion,
        expected: drift.expected,
        actual: drift.appVersion.value,
        fix: { at: { file: drift.appVersion.file, line: drift.appVersion.line, column: drift.appVersion.column }, from: drift.appVersion.value, to: drift.expected },
      });
    }
  },
});
