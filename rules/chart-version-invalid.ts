import { isProjectChart } from '../src/model/ownership.js';
import { defineRule } from '../src/model/rule.js';
import { parseVersion } from '../src/model/version.js';
import { isPlaceholder } from './support/versions.js';

/** A project chart's `version` is not SemVer 2. */
export default defineRule({
  id: 'chart-version-invalid',
  scope: 'manifests',
  level: 'error',
  summary: 'A Helm chart\'s `version` must be SemVer 2',
  description:
    'Helm requires a chart `version` that is a SemVer 2 version: `MAJOR.MINOR.PATCH`, optionally with a ' +
    'prerelease and build metadata, no leading `v`, no leading zeros, no missing parts. Helm\'s lenient parser ' +
    'lets `v1.2.3` and `1.2` through some commands, but `helm lint` flags them, chart repositories and OCI ' +
    'registries sort and resolve them inconsistently, and tools built on strict SemVer reject them. Vendored ' +
    'dependency charts and charts that only deploy third-party images are not checked; placeholders such as `%VERSION%` filled in by a release script are skipped.',
  remediation: 'Write the chart version as plain SemVer 2, e.g. `version: 1.2.3` (not `v1.2.3` or `1.2`).',
  check({ model, report }) {
    // A Chart.yaml that did not parse, or whose version is a placeholder, already has a diagnostic saying so;
    // its version is unknown, not missing.
    const filesWithDiagnostics = new Set(model.diagnostics.map((d) => d.file));
    for (const chart of model.charts) {
      // as for appVersion: a vendored dependency, or a chart of others' images copied in (argo-cd's redis-ha), is not the project's to fix
      if (chart.vendored || !isProjectChart(chart, model)) continue;
      const name = chart.name?.value ?? chart.dir;
      const version = chart.version;
      if (!version) {
        if (filesWithDiagnostics.has(chart.file)) continue;
        // Helm refuses a chart without a version; point at the top of Chart.yaml, where the key belongs.
        report({ message: `Helm chart ${name} has no version`, at: { file: chart.file, line: 1, column: 1 } });
        continue;
      }
      if (isPlaceholder(version.value)) continue;
      const parsed = parseVersion(version.value);
      if (parsed && !parsed.vPrefix && version.value === version.value.trim()) continue;
      const suggestion = parsed ? versionWithoutPrefix(version.value) : undefined;
      report({
        message: parsed
          ? `Helm chart ${name} has version ${version.value}, which is not SemVer 2: use ${suggestion}`
          : `Helm chart ${name} has version ${version.value}, which is not SemVer 2 (MAJOR.MINOR.PATCH, e.g. 1.2.3)`,
        at: version,
        actual: version.value,
        ...(suggestion ? { expected: suggestion } : {}),
      });
    }
  },
});

function versionWithoutPrefix(text: string): string {
  return text.trim().replace(/^[vV]/, '');
}
