import fc from 'fast-check';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/engine/check.js';
import { FIXABLE_RULES, runFix } from '../../src/engine/fix/run-fix.js';

// For generated workloads in every YAML spelling (quotes, flow maps, comments, CRLF, BOM, several documents),
// fix must produce exactly the text a person would: every own tag at the release in its own v convention, every
// other byte as it was; then check is clean for the fixed rules and a second fix changes nothing.

const version = fc.tuple(fc.nat(3), fc.nat(12), fc.nat(12)).map(([a, b, c]) => `${a}.${b}.${c}`);
const container = fc.record({
  own: fc.boolean(),
  name: fc.constantFrom('api', 'web', 'worker'),
  v: fc.boolean(),
  version,
  rc: fc.boolean(),
  quoting: fc.constantFrom('plain', 'single', 'double'),
  comment: fc.boolean(),
  flow: fc.boolean(),
});
type Container = typeof container extends fc.Arbitrary<infer T> ? T : never;
const generatedRepo = fc.record({
  docs: fc.array(fc.array(container, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  release: fc.tuple(fc.boolean(), version),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  leadingSeparator: fc.boolean(),
});

function imageOf(c: Container, tag: string): string {
  return c.own ? `ghcr.io/acme/shop-${c.name}:${tag}` : `docker.io/library/${c.name}:${tag}`;
}

function tagOf(c: Container): string {
  return `${c.v ? 'v' : ''}${c.version}${c.rc ? '-rc.1' : ''}`;
}

function render(docs: Container[][], tag: (c: Container) => string): string {
  return docs
    .map((containers, d) => {
      const lines = ['apiVersion: v1', 'kind: Pod', 'metadata:', `  name: pod-${d}`, 'spec:', '  containers:'];
      containers.forEach((c, i) => {
        const image = imageOf(c, tag(c));
        const scalar = c.quoting === 'plain' ? image : c.quoting === 'single' ? `'${image}'` : `"${image}"`;
        const comment = c.comment ? '  # pinned: bump on release' : '';
        if (c.flow) lines.push(`    - {name: c${i}, image: ${scalar}}${comment}`);
        else lines.push(`    - name: c${i}`, `      image: ${scalar}${comment}`);
      });
      return lines.join('\n');
    })
    .join('\n---\n');
}

let dir: string;
let counter = 0;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'tagcheck-fix-fuzz-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('fix under generated manifests', () => {
  it('rewrites exactly the own tags, byte-exact elsewhere, clean and idempotent after', async () => {
    await fc.assert(
      fc.asyncProperty(generatedRepo, async (g) => {
        const root = join(dir, `case-${counter++}`);
        await mkdir(root);
        const [releaseV, releaseVersion] = g.release;
        const release = `${releaseV ? 'v' : ''}${releaseVersion}`;
        const newline = g.crlf ? '\r\n' : '\n';
        const spell = (body: string) => `${g.bom ? '\ufeff' : ''}${(g.leadingSeparator ? '---\n' : '') + body}\n`.replaceAll('\n', newline);
        await writeFile(join(root, '.tagcheck.yaml'), 'images: [ghcr.io/acme/shop-*]\n');
        await writeFile(join(root, 'app.yaml'), spell(render(g.docs, tagOf)));
        const expected = spell(render(g.docs, (c) => (c.own ? `${c.v ? 'v' : ''}${releaseVersion}` : tagOf(c))));

        const result = await runFix({ root, tag: release, env: {} });
        expect(result.refused).toEqual([]);
        expect(await readFile(join(root, 'app.yaml'), 'utf8')).toBe(expected);

        const check = await runCheck({ root, tag: release, env: {}, scope: 'manifests' });
        expect(check.report.findings.filter((f) => FIXABLE_RULES.includes(f.ruleId))).toEqual([]);
        const again = await runFix({ root, tag: release, env: {} });
        expect(again.changes).toEqual([]);
        expect(await readFile(join(root, 'app.yaml'), 'utf8')).toBe(expected);
      }),
      { numRuns: 40 },
    );
  });
});
