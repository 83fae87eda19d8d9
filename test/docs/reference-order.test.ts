import { describe, expect, it } from 'vitest';
import type { DocReference } from '../../src/model/docs.js';
import { findDocReferences } from '../../src/sources/docs/references.js';

// The scans (images, GitHub URLs, raw URLs, helm, YAML pairs) each find their references in document order and are
// merged by offset, positions counted once for all: here every shape is interleaved with the others, so a merge that
// kept one scan's order, or a position counted from the wrong line, shows.

function where(references: DocReference[]): string[] {
  return references.map((r) => `${r.kind} ${r.version.line}:${r.version.column} ${r.version.value}`);
}

/** Line and column of the `n`th occurrence of `needle`, computed without the scanner. */
function positionOf(text: string, needle: string, n = 0): string {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  const before = text.slice(0, at).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

describe('reference order and positions across scans', () => {
  it('interleaved shapes come back in document order, each at its own line and column', () => {
    const text = [
      'Intro with `raw.githubusercontent.com/acme/a/v1.0.1/x.yaml` first.',
      '',
      '```yaml',
      'images:',
      '  - name: ghcr.io/acme/app',
      '    newTag: v1.0.2',
      '```',
      '',
      '```sh',
      'helm install app acme/app --version 1.0.3 && kubectl apply -k github.com/acme/b//c?ref=v1.0.4',
      'curl -L raw.githubusercontent.com/acme/c/v1.0.5/y.yaml; docker pull ghcr.io/acme/app:v1.0.6',
      '```',
      '',
      '\tThen `github.com/acme/d/releases/download/v1.0.7/e.tgz` and `helm upgrade x acme/x --version 1.0.8`.',
    ].join('\r\n');
    expect(where(findDocReferences(text, 'README.md'))).toEqual([
      `git-ref ${positionOf(text, 'v1.0.1')} v1.0.1`,
      `image ${positionOf(text, 'v1.0.2')} v1.0.2`,
      `helm-chart ${positionOf(text, '1.0.3')} 1.0.3`,
      `git-ref ${positionOf(text, 'v1.0.4')} v1.0.4`,
      `git-ref ${positionOf(text, 'v1.0.5')} v1.0.5`,
      `image ${positionOf(text, 'v1.0.6')} v1.0.6`,
      `git-ref ${positionOf(text, 'v1.0.7')} v1.0.7`,
      `helm-chart ${positionOf(text, '1.0.8')} 1.0.8`,
    ]);
  });

  it('references on the first line, on the last line without a line break, and many on one line', () => {
    const text = '`a:1.0.0` `b:2.0.0`\n\n`c:3.0.0` `d:4.0.0`';
    expect(where(findDocReferences(text, 'x.md'))).toEqual([
      `image 1:4 1.0.0`,
      `image 1:14 2.0.0`,
      `image 3:4 3.0.0`,
      `image 3:14 4.0.0`,
    ]);
  });
});

describe('versions out of the order of their literals', () => {
  it('a helm command whose version follows an image and a URL: all in document order, each at its column', () => {
    // the one pass finds `helm` first, but its version comes last: the occurrences are sorted by position
    const text = ['```sh', 'helm install x ghcr.io/acme/b:v2.0.0 github.com/acme/b?ref=v3.0.0 --version 1.0.0', '```'].join('\n');
    expect(where(findDocReferences(text, 'README.md'))).toEqual([
      `image ${positionOf(text, 'v2.0.0')} v2.0.0`,
      `git-ref ${positionOf(text, 'v3.0.0')} v3.0.0`,
      `helm-chart ${positionOf(text, '1.0.0')} 1.0.0`,
    ]);
  });
});

describe('helm words sliced from runs', () => {
  it('a version split by quotes or after a quoted flag value is located at its first character', () => {
    const text = [
      '```sh',
      `helm install app acme/app --set 'a=b c' --version "v"'1.2.'3`,
      `helm upgrade "my app" 'acme/other' --version='2.0'.1 \\`,
      '  --namespace x',
      '```',
    ].join('\n');
    const helm = findDocReferences(text, 'README.md').map((r) => (r.kind === 'helm-chart' ? `${r.chart} ${r.version.value} ${r.version.line}:${r.version.column}` : ''));
    expect(helm).toEqual([`app v1.2.3 2:${text.split('\n')[1].indexOf('"v"') + 2}`, `other 2.0.1 3:${text.split('\n')[2].indexOf("'2.0'") + 2}`]);
  });
});
