import type { Finding } from '../../src/model/finding.js';
import type { ReportData, RuleMetadata } from '../../src/reporters/types.js';

/** Rule metadata as a rule module would declare it, for reporter tests that never run rules. */
export function ruleMeta(id: string, fields: Partial<RuleMetadata> = {}): RuleMetadata {
  return {
    id,
    scope: 'manifests',
    level: 'error',
    summary: `${id} summary`,
    description: `${id} is a problem because releases drift.`,
    remediation: `Fix ${id} by editing the tag.`,
    ...fields,
  };
}

export function reportData(findings: Finding[], fields: Partial<ReportData> = {}): ReportData {
  return {
    tool: { name: 'tagcheck', version: '0.1.0' },
    release: { tag: 'v0.29.0', version: null, source: 'flag' },
    findings,
    rulesRun: [ruleMeta('image-tag-mismatch'), ruleMeta('mutable-image-tag', { level: 'warning' }), ruleMeta('image-missing', { scope: 'registry' })],
    rulesSkipped: [],
    ...fields,
  };
}

export const mismatch: Finding = {
  ruleId: 'image-tag-mismatch',
  level: 'error',
  message: 'registry.k8s.io/descheduler/descheduler is tagged v0.28.1, but the release is v0.29.0',
  location: { file: 'kubernetes/base/kustomization.yaml', line: 9, column: 13 },
  image: 'registry.k8s.io/descheduler/descheduler',
  expected: 'v0.29.0',
  actual: 'v0.28.1',
};
