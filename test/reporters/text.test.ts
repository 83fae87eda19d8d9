import { describe, expect, it } from 'vitest';
import { enableColor, textReporter, textSummary } from '../../src/reporters/text.js';
import { chartLag, mutableTag, reportData, tagMismatch, unreachable } from './fixtures.js';

const ESC = '\u001b[';

describe('text reporter', () => {
  it('prints file:line:col, level, message and rule id, grouped by file, then the summary', () => {
    const text = textReporter(reportData([chartLag, tagMismatch, mutableTag, { ...mutableTag, location: { file: 'deploy/redis.yaml', line: 30, column: 18 } }]), { color: false });
    expect(text).toBe(
      [
        'charts/app/Chart.yaml:5:13  error    charts/app appVersion is 0.28.1, but the release is 0.29.0  chart-app-version-mismatch',
        '',
        'kubernetes/base/kustomization.yaml:9:13  error    registry.k8s.io/descheduler/descheduler is tagged v0.28.1, but the release is v0.29.0  image-tag-mismatch',
        '',
        'deploy/redis.yaml:17:18  warning  docker.io/library/redis uses the mutable tag latest  mutable-image-tag',
        'deploy/redis.yaml:30:18  warning  docker.io/library/redis uses the mutable tag latest  mutable-image-tag',
        '',
        'tagcheck: 4 problems (2 errors, 2 warnings, 0 notes); release v0.29.0; 2 rules run, 1 skipped',
        '',
      ].join('\n'),
    );
  });

  it('without colour has no escape codes; with colour it has them', async () => {
    const data = reportData([tagMismatch, mutableTag]);
    expect(textReporter(data, { color: false })).not.toContain(ESC);
    // chalk loads on demand (start-up): asking for colour first is a programming error, not silent plain text
    expect(() => textReporter(data, { color: true })).toThrow(/enableColor/);
    await enableColor();
    const coloured = textReporter(data, { color: true });
    expect(coloured).toContain(ESC);
    // colour never changes the words
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(textReporter(data, { color: false }));
  });

  it('lists findings without a file under (no file)', () => {
    expect(textReporter(reportData([unreachable]), { color: false })).toContain('(no file)  error    ghcr.io could not be asked: connection refused  registry-unreachable');
  });

  it('prints only the summary when there are no findings', () => {
    expect(textReporter(reportData([], { release: null, rulesSkipped: [] }), { color: false })).toBe('tagcheck: no problems; no release tag; 2 rules run\n');
  });

  it('names warning diagnostics in the summary, so "no problems" is not a clean bill; notes are not counted', () => {
    const diagnostics = [
      { level: 'warning' as const, message: 'no image in the manifests belongs to this project (repository name "x" from origin); …' },
      { file: 'a.yaml', level: 'note' as const, message: 'empty file' },
    ];
    expect(textReporter({ ...reportData([], { rulesSkipped: [] }), diagnostics }, { color: false })).toBe(
      'tagcheck: no problems; 1 warning diagnostic (see above); release v0.29.0; 2 rules run\n',
    );
    expect(textSummary({ ...reportData([], { rulesSkipped: [] }), diagnostics: [diagnostics[1]] }, { color: false })).toBe('tagcheck: no problems; release v0.29.0; 2 rules run');
  });

  it('counts the image references set aside on purpose (test fixtures, versioned apart), never silently', () => {
    const diagnostics = [
      { level: 'note' as const, message: '733 image references in test-fixture folders (…) not checked: …', notChecked: 733 },
      { file: 'config/all.yaml', line: 3, column: 16, level: 'note' as const, message: 'quay.io/metallb/frr-k8s is versioned apart from v0.14.9 (…)', notChecked: 8 },
    ];
    expect(textSummary({ ...reportData([], { rulesSkipped: [] }), diagnostics }, { color: false })).toBe(
      'tagcheck: no problems; 741 image references not checked (test fixtures, other release lines or versioned apart; --verbose says which); release v0.29.0; 2 rules run',
    );
  });

  it('counts suppressed findings in the summary but does not list them', () => {
    const text = textReporter(reportData([{ ...tagMismatch, suppressed: { kind: 'external', justification: 'x' } }, mutableTag]), { color: false });
    expect(text).not.toContain('image-tag-mismatch');
    expect(text).toContain('tagcheck: 1 problem (0 errors, 1 warning, 0 notes); 1 suppressed; release v0.29.0');
  });

  it('textSummary is the report’s last line', () => {
    const data = reportData([tagMismatch]);
    expect(textReporter(data, { color: false }).trimEnd().split('\n').at(-1)).toBe(textSummary(data, { color: false }));
  });
});
