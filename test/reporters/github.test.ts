import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { escapeData, escapeProperty, githubReporter } from '../../src/reporters/github.js';
import { reportData, tagMismatch } from './fixtures.js';

const render = (findings: Finding[]) => githubReporter(reportData(findings), { color: false });

describe('github reporter', () => {
  it('prints one workflow command per finding with file, line, col and the rule id as title', () => {
    expect(render([tagMismatch])).toBe(
      '::error file=kubernetes/base/kustomization.yaml,line=9,col=13,title=image-tag-mismatch::' +
        'registry.k8s.io/descheduler/descheduler is tagged v0.28.1, but the release is v0.29.0\n',
    );
  });

  it('maps levels to ::error, ::warning and ::notice', () => {
    const lines = render([
      tagMismatch,
      { ...tagMismatch, ruleId: 'mutable-image-tag', level: 'warning' },
      { ...tagMismatch, ruleId: 'chart-version-invalid', level: 'note' },
    ]).split('\n');
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['::error', '::warning', '::notice', '']);
  });

  it('annotates warning diagnostics (titled tagcheck) before the findings, notes not', () => {
    const data = {
      ...reportData([tagMismatch]),
      diagnostics: [
        { level: 'warning' as const, message: 'no image in the manifests belongs to this project (repository name "x" from origin); list them under images: in .tagcheck.yaml or run tagcheck init' },
        { file: 'deploy/bad.yaml', line: 3, column: 1, level: 'warning' as const, message: 'invalid YAML: bad indentation' },
        { file: 'deploy/empty.yaml', level: 'note' as const, message: 'empty file' },
      ],
    };
    expect(githubReporter(data, { color: false }).split('\n')).toEqual([
      '::warning title=tagcheck::no image in the manifests belongs to this project (repository name "x" from origin); list them under images: in .tagcheck.yaml or run tagcheck init',
      '::warning file=deploy/bad.yaml,line=3,col=1,title=tagcheck::invalid YAML: bad indentation',
      expect.stringMatching(/^::error file=kubernetes\/base\/kustomization\.yaml,line=9,col=13,title=image-tag-mismatch::/),
      '',
    ]);
  });

  it('prints findings without a location as file-less annotations', () => {
    expect(render([{ ruleId: 'image-missing', level: 'error', message: 'ghcr.io/acme/app:v1 is missing' }])).toBe(
      '::error title=image-missing::ghcr.io/acme/app:v1 is missing\n',
    );
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    const finding: Finding = {
      ruleId: 'image-tag-mismatch',
      level: 'error',
      message: '100% wrong:\r\nsee a, b',
      location: { file: 'deploy/a,b:c%.yaml', line: 2, column: 7 },
    };
    expect(render([finding])).toBe('::error file=deploy/a%2Cb%3Ac%25.yaml,line=2,col=7,title=image-tag-mismatch::100%25 wrong:%0D%0Asee a, b\n');
    // A message cannot break out onto a second command line.
    expect(render([{ ...finding, message: 'x\n::error::injected' }]).split('\n')).toHaveLength(2);
  });

  it('escapes % before anything else so encoded text is not encoded twice', () => {
    expect(escapeData('%0A\n')).toBe('%250A%0A');
    expect(escapeProperty('a:%3A,')).toBe('a%3A%253A%2C');
  });

  it('leaves suppressed findings out and prints nothing for a clean run', () => {
    expect(render([{ ...tagMismatch, suppressed: { kind: 'inSource', justification: 'later' } }])).toBe('');
    expect(render([])).toBe('');
  });
});
