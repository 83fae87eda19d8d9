import type { Finding } from '../../src/model/finding.js';
import type { ReportData, RuleMetadata } from '../../src/reporters/types.js';
import { parseVersion } from '../../src/model/version.js';

/** Hand-made report data: reporters are tested on findings, never by running rules. */

/** Rule metadata as a rule module would declare it. */
export function ruleMeta(id: string, fields: Partial<RuleMetadata> = {}): RuleMetadata {
  return { id, scope: 'manifests', level: 'error', summary: `${id} summary`, description: `${id} is a problem because releases drift.`, remediation: `Fix ${id} by editing the tag.`, ...fields };
}

export const tagMismatch: Finding = {
  ruleId: 'image-tag-mismatch',
  level: 'error',
  message: 'registry.k8s.io/descheduler/descheduler is tagged v0.28.1, but the release is v0.29.0',
  location: { file: 'kubernetes/base/kustomization.yaml', line: 9, column: 13 },
  image: 'registry.k8s.io/descheduler/descheduler',
  expected: 'v0.29.0',
  actual: 'v0.28.1',
};

export const mutableTag: Finding = {
  ruleId: 'mutable-image-tag',
  level: 'warning',
  message: 'docker.io/library/redis uses the mutable tag latest',
  location: { file: 'deploy/redis.yaml', line: 17, column: 18 },
  image: 'docker.io/library/redis',
  actual: 'latest',
};

export const chartLag: Finding = {
  ruleId: 'chart-app-version-mismatch',
  level: 'error',
  message: 'charts/app appVersion is 0.28.1, but the release is 0.29.0',
  location: { file: 'charts/app/Chart.yaml', line: 5, column: 13 },
  expected: '0.29.0',
  actual: '0.28.1',
};

export const unreachable: Finding = {
  ruleId: 'registry-unreachable',
  level: 'error',
  message: 'ghcr.io could not be asked: connection refused',
};

export function reportData(findings: Finding[], fields: Partial<ReportData> = {}): ReportData {
  return {
    tool: { name: 'tagcheck', version: '0.1.0' },
    release: { tag: 'v0.29.0', version: parseVersion('v0.29.0'), source: 'git' },
    findings,
    rulesRun: [ruleMeta('image-tag-mismatch'), ruleMeta('mutable-image-tag', { level: 'warning' })],
    rulesSkipped: ['image-missing'],
    ...fields,
  };
}
