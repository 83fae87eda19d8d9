import fc from 'fast-check';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifests } from '../../src/sources/manifests/index.js';

// Positions live in the model: for generated workloads in every YAML spelling, each image the source finds
// must sit exactly at the line and column it reports, and none may be lost or invented.

const image = fc
  .tuple(fc.constantFrom('ghcr.io/acme', 'registry.k8s.io/x', 'localhost:5000/team', 'nginx', 'quay.io/a/b'), fc.stringMatching(/^[a-z][a-z0-9]{0,4}(-[a-z0-9]{1,4})?$/), fc.option(fc.stringMatching(/^v?\d{1,2}\.\d{1,2}\.\d{1,2}(-rc\.\d)?$/), { nil: undefined }))
  .map(([prefix, name, tag]) => `${prefix}/${name}${tag ? `:${tag}` : ''}`);
const quoting = fc.constantFrom('plain', 'single', 'double');
const container = fc.record({ image, quoting, comment: fc.boolean(), flow: fc.boolean() });
const workload = fc.record({
  kind: fc.constantFrom('Pod', 'Deployment', 'CronJob', 'Job'),
  containers: fc.array(container, { minLength: 1, maxLength: 3 }),
  init: fc.array(container, { maxLength: 2 }),
  indent: fc.constantFrom(2, 4),
});
const file = fc.record({ docs: fc.array(workload, { minLength: 1, maxLength: 3 }), crlf: fc.boolean(), bom: fc.boolean(), leadingSeparator: fc.boolean() });

type Container = { image: string; quoting: 'plain' | 'single' | 'double'; comment: boolean; flow: boolean };

function scalar(c: Container): string {
  return c.quoting === 'plain' ? c.image : c.quoting === 'single' ? `'${c.image}'` : `"${c.image}"`;
}

/** The pod spec lines at `depth` indentation units. */
function podSpec(containers: Container[], init: Container[], indent: number, depth: number): string[] {
  const pad = (n: number) => ' '.repeat(indent * n);
  const list = (key: string, items: Container[]) => {
    if (items.length === 0) return [];
    const lines = [`${pad(depth)}${key}:`];
    for (const [i, c] of items.entries()) {
      if (c.flow) lines.push(`${pad(depth)}- { name: c${i}, image: ${scalar(c)} }${c.comment ? ' # pinned' : ''}`);
      else lines.push(`${pad(depth)}- name: c${i}`, `${pad(depth)}  image: ${scalar(c)}${c.comment ? '  # pinned' : ''}`);
    }
    return lines;
  };
  return [...list('initContainers', init), ...list('containers', containers)];
}

function render(doc: { kind: string; containers: Container[]; init: Container[]; indent: number }): string {
  const pad = (n: number) => ' '.repeat(doc.indent * n);
  const head = [`apiVersion: v1`, `kind: ${doc.kind}`, `metadata:`, `${pad(1)}name: w`, `spec:`];
  if (doc.kind === 'Pod') return [...head, ...podSpec(doc.containers, doc.init, doc.indent, 1)].join('\n');
  if (doc.kind === 'CronJob') {
    return [...head, `${pad(1)}jobTemplate:`, `${pad(2)}spec:`, `${pad(3)}template:`, `${pad(4)}spec:`, ...podSpec(doc.containers, doc.init, doc.indent, 5)].join('\n');
  }
  return [...head, `${pad(1)}template:`, `${pad(2)}spec:`, ...podSpec(doc.containers, doc.init, doc.indent, 3)].join('\n');
}

let dir: string;
let counter = 0;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'tagcheck-positions-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('loadManifests positions under generated workloads', () => {
  it('reports every image exactly where it is written', async () => {
    await fc.assert(
      fc.asyncProperty(file, async (generated) => {
        const root = join(dir, `case-${counter++}`);
        await mkdir(root);
        const newline = generated.crlf ? '\r\n' : '\n';
        const body = `${generated.leadingSeparator ? '---\n' : ''}${generated.docs.map(render).join('\n---\n')}\n`.replaceAll('\n', newline);
        await writeFile(join(root, 'app.yaml'), `${generated.bom ? '\uFEFF' : ''}${body}`);
        try {
          const set = await loadManifests({ root });
          expect(set.diagnostics).toEqual([]);
          const lines = body.split(newline);
          // The token at the reported position, without its quotes: it must be one of the generated images.
          const found = set.imageUses.map((use) => {
            const written = (lines[use.at.line - 1] ?? '').slice(use.at.column - 1).replace(/^["']/, '');
            return { token: /^[^\s"',}]+/.exec(written)?.[0] ?? '', file: use.at.file };
          });
          const expected = generated.docs.flatMap((d) => [...d.init, ...d.containers].map((c) => c.image));
          expect(found.map((f) => f.token).sort()).toEqual([...expected].sort());
          expect(new Set(found.map((f) => f.file))).toEqual(new Set(['app.yaml']));
        } finally {
          await rm(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 600 },
    );
  }, 120_000);
});
