import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { compareWithMarkers, findingKeys, markerKeys } from '../support/expect-markers.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tagcheck-markers-'));
  await mkdir(join(root, 'deploy'));
  await mkdir(join(root, '.git'));
  await writeFile(join(root, 'deploy', 'app.yaml'), [
    'containers:',
    '  - image: ghcr.io/acme/api:v1.2.2   # expect: image-tag-mismatch',
    '  - image: redis                      #expect:mutable-image-tag ,  image-tag-mismatch',
    '  - image: ghcr.io/acme/web:v1.2.3',
  ].join('\n'));
  await writeFile(join(root, '.tagcheck.yaml'), 'images: [ghcr.io/acme/*]  # expect-unlocated: registry-unreachable\n');
  await writeFile(join(root, '.git', 'config'), '# expect: not-a-marker-inside-git\n');
});
afterAll(() => rm(root, { recursive: true, force: true }));

const finding = (ruleId: string, file?: string, line?: number): Finding => ({
  ruleId, level: 'error', message: 'm', ...(file ? { location: { file, line: line!, column: 1 } } : {}),
});

describe('expect markers', () => {
  it('reads located and unlocated markers from every file, skipping .git', async () => {
    expect(await markerKeys(root)).toEqual([
      '(unlocated) registry-unreachable',
      'deploy/app.yaml:2 image-tag-mismatch',
      'deploy/app.yaml:3 image-tag-mismatch',
      'deploy/app.yaml:3 mutable-image-tag',
    ]);
  });

  it('matches findings exactly and names what is missing or unexpected', async () => {
    const exact = [
      finding('mutable-image-tag', 'deploy/app.yaml', 3),
      finding('image-tag-mismatch', 'deploy/app.yaml', 2),
      finding('image-tag-mismatch', 'deploy/app.yaml', 3),
      finding('registry-unreachable'),
    ];
    expect(findingKeys(exact)).toEqual(await markerKeys(root));
    expect(await compareWithMarkers(root, exact)).toEqual({ missing: [], unexpected: [] });

    const off = [...exact.slice(1), finding('image-tag-mismatch', 'deploy/app.yaml', 4), finding('image-tag-mismatch', 'deploy/app.yaml', 2)];
    expect(await compareWithMarkers(root, off)).toEqual({
      missing: ['deploy/app.yaml:3 mutable-image-tag'],
      unexpected: ['deploy/app.yaml:2 image-tag-mismatch', 'deploy/app.yaml:4 image-tag-mismatch'],
    });
  });

  it('reads the HTML-comment form Markdown prose needs, beside the # form in its code blocks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tagcheck-markers-md-'));
    try {
      await writeFile(join(dir, 'README.md'), [
        'Pull `ghcr.io/acme/app:v1.2.2`. <!-- expect: docs-version-stale -->',
        '```sh',
        'docker pull ghcr.io/acme/app:v1.2.2  # expect: docs-version-stale',
        '```',
        '<!--expect:a-rule, b-rule-->',
      ].join('\r\n'));
      expect(await markerKeys(dir)).toEqual(['README.md:1 docs-version-stale', 'README.md:3 docs-version-stale', 'README.md:5 a-rule', 'README.md:5 b-rule']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves suppressed findings out unless asked', () => {
    const suppressed = { ...finding('mutable-image-tag', 'a.yaml', 1), suppressed: { kind: 'inSource' as const } };
    expect(findingKeys([suppressed])).toEqual([]);
    expect(findingKeys([suppressed], { includeSuppressed: true })).toEqual(['a.yaml:1 mutable-image-tag']);
  });
});
