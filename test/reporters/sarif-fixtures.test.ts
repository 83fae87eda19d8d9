import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_KEY } from '../../src/reporters/sarif.js';
import { runCli } from '../cli/run-cli.js';
import { githubCodeScanningErrors, sarifSchemaErrors } from './sarif-validation.js';

const fixturesDir = fileURLToPath(new URL('../../fixtures', import.meta.url));

/** Every fixture repository: the demo, each manifests shape, each rule's clean and failing case. */
function fixtureRoots(): string[] {
  const subfolders = (dir: string) => readdirSync(dir).map((name) => join(dir, name)).filter((path) => statSync(path).isDirectory());
  const roots = [join(fixturesDir, 'demo'), ...subfolders(join(fixturesDir, 'manifests'))];
  for (const rule of subfolders(join(fixturesDir, 'rules'))) roots.push(...subfolders(rule));
  return roots.sort();
}

/** The files findings point into: YAML manifests, JSON6902 patch files and (for docs-version-stale) Markdown. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(?:ya?ml|md|json)$/.test(entry.name) ? [path] : [];
  });
}

const emptySnapshot = join(mkdtempSync(join(tmpdir(), 'tagcheck-sarif-')), 'empty-snapshot.json');
writeFileSync(emptySnapshot, JSON.stringify({ version: 1, repositories: {} }));

// Offline with and without a release tag, and the registry rules answered by an empty snapshot, whose
// findings include ones with no manifest line of their own.
const variants: [string, string[]][] = [
  ['offline', ['--offline']],
  ['offline --tag v9.9.9', ['--offline', '--tag', 'v9.9.9']],
  ['registry snapshot', ['--tag', 'v9.9.9', '--registry-snapshot', emptySnapshot]],
];

/**
 * A copy of the fixture outside this repository: inside it, the repository name (hence which images are own)
 * would come from this clone's `origin` remote and differ between a developer's checkout and CI.
 */
function isolated(fixture: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'tagcheck-sarif-fixture-')), fixture.split('/').pop()!);
  cpSync(fixture, copy, { recursive: true });
  return copy;
}

async function sarif(root: string, args: string[]) {
  const run = await runCli(['check', root, '--format', 'sarif', ...args]);
  expect(run.code, run.stderr).toBeLessThan(2);
  return JSON.parse(run.stdout);
}

const fingerprints = (log: any): string[] => log.runs[0].results.map((result: any) => result.partialFingerprints[FINGERPRINT_KEY]).sort();

describe.each(fixtureRoots().map((root) => [relative(fixturesDir, root), root]))('SARIF of fixture %s', (_name, fixture) => {
  it.each(variants)('%s: validates, and its fingerprints survive a rerun and moved lines', async (_variant, args) => {
    const root = isolated(fixture);
    const first = await sarif(root, args);
    expect(sarifSchemaErrors(first)).toEqual([]);
    expect(githubCodeScanningErrors(first)).toEqual([]);

    const json = JSON.parse((await runCli(['check', root, '--format', 'json', ...args])).stdout);
    expect(first.runs[0].results).toHaveLength(json.findings.length);
    expect(first.runs[0].tool.driver.rules.map((rule: any) => rule.id)).toEqual(expect.arrayContaining(json.summary.rulesRun));

    expect(fingerprints(await sarif(root, args))).toEqual(fingerprints(first));

    // A blank line at the top of every YAML, JSON and Markdown file moves every finding down one line, and changes nothing else.
    const moved = join(mkdtempSync(join(tmpdir(), 'tagcheck-sarif-moved-')), root.split('/').pop()!);
    cpSync(root, moved, { recursive: true });
    for (const file of sourceFiles(moved)) writeFileSync(file, `\n${readFileSync(file, 'utf8')}`);
    const after = await sarif(moved, args);
    expect(fingerprints(after)).toEqual(fingerprints(first));
    const lines = (log: any) => log.runs[0].results.map((result: any) => result.locations[0].physicalLocation.region.startLine);
    // Findings about a whole file stay at its line 1; every other one moved down.
    const before = lines(first);
    expect(lines(after)).toEqual(before.map((line: number, index: number) => (line === 1 && lines(after)[index] === 1 ? 1 : line + 1)));
  });
});

it('the fixtures produce SARIF results at all, so the checks above are not vacuous', async () => {
  let total = 0;
  for (const fixture of fixtureRoots()) total += (await sarif(isolated(fixture), ['--offline', '--tag', 'v9.9.9'])).runs[0].results.length;
  expect(total).toBeGreaterThan(10);
});
