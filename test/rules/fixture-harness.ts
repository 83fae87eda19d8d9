import { execFileSync } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glob } from 'glob';
import { runCheck, type CheckResult } from '../../src/engine/check.js';

/**
 * Runs the real offline check (`tagcheck --offline [--tag TAG]`) on a copy of a fixture repository. The copy
 * lives outside any git repository, so tags of tagcheck's own repository never become the release.
 */
export async function checkFixture(fixtureDir: string, tag?: string, extraConfig?: string, options: FixtureOptions = {}): Promise<CheckResult> {
  const scratch = await mkdtemp(join(tmpdir(), 'tagcheck-rules-'));
  const root = join(scratch, 'project');
  try {
    await cp(fixtureDir, root, { recursive: true });
    if (extraConfig) await appendFile(join(root, '.tagcheck.yaml'), extraConfig);
    if (options.origin) {
      // a clone of that GitHub repository: a real git repository whose origin remote names it (no commits, no tags)
      execFileSync('git', ['init', '-q'], { cwd: root });
      execFileSync('git', ['remote', 'add', 'origin', options.origin], { cwd: root });
    }
    return await runCheck({ root, env: {}, scope: 'manifests', ...(tag !== undefined ? { tag } : {}) });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export interface FixtureOptions {
  /** make the copy a git repository whose `origin` is this URL (for rules that compare GitHub URLs with it) */
  origin?: string;
}

/**
 * Details a marker may add after the rule id, checked on the finding at that line:
 *   newTag: v0.28.1  # expect: image-tag-mismatch col=13 expected=v0.29.0 actual=v0.28.1
 * (test/support/expect-markers.ts reads the `rule-id` part and ignores the rest.)
 */
export interface MarkerDetails {
  ruleId: string;
  file: string;
  line: number;
  column?: number;
  expected?: string;
  actual?: string;
}

const DETAILED_MARKER = /(?:#|<!--)\s*expect:\s*([a-z0-9-]+)((?:\s+(?:col|expected|actual)=\S+)+)/;

export async function readMarkerDetails(fixtureDir: string): Promise<MarkerDetails[]> {
  const files = (await glob('**/*', { cwd: fixtureDir, dot: true, posix: true, nodir: true })).sort();
  const details: MarkerDetails[] = [];
  for (const file of files) {
    const lines = (await readFile(join(fixtureDir, file), 'utf8')).split(/\r?\n/);
    lines.forEach((text, index) => {
      const match = DETAILED_MARKER.exec(text);
      if (!match) return;
      const marker: MarkerDetails = { ruleId: match[1], file, line: index + 1 };
      for (const [, key, value] of match[2].matchAll(/(col|expected|actual)=(\S+)/g)) {
        if (key === 'col') marker.column = Number(value);
        else marker[key as 'expected' | 'actual'] = value;
      }
      details.push(marker);
    });
  }
  return details;
}
