import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glob } from 'glob';
import { rules } from '../../rules/index.js';
import { loadConfig } from '../../src/config/load.js';
import { markOwnImages, ownershipMatcher } from '../../src/engine/ownership.js';
import { runRules } from '../../src/engine/run-rules.js';
import type { Finding } from '../../src/model/finding.js';
import type { ReleaseModel } from '../../src/model/release.js';
import { parseVersion } from '../../src/model/version.js';
import { loadManifests } from '../../src/sources/manifests/index.js';

/**
 * Runs the real manifests pipeline (config, manifests source, ownership, every manifests-scope rule) on a
 * fixture repository. The release tag is given directly, so the fixture needs no git history.
 * (Interim harness: switch to runCheck + test/support/expect-markers.ts once git tag resolution is on main.)
 */
export async function checkFixture(fixtureDir: string, tag?: string): Promise<{ findings: Finding[]; model: ReleaseModel }> {
  // A copy outside any git repository, named like a project none of the fixture images belong to by name.
  const scratch = await mkdtemp(join(tmpdir(), 'tagcheck-rules-'));
  const root = join(scratch, 'project');
  try {
    await cp(fixtureDir, root, { recursive: true });
    const config = await loadConfig(root);
    const manifests = await loadManifests({ root, ...(config.manifests ? { globs: config.manifests } : {}) });
    const matcher = ownershipMatcher(config, 'project');
    const { imageUses, ownRepositories } = markOwnImages(manifests.imageUses, matcher);
    const model: ReleaseModel = {
      ...manifests,
      imageUses,
      root,
      repositoryName: 'project',
      release: tag === undefined ? null : { tag, version: parseVersion(tag), source: 'flag' },
      config,
      ownRepositories,
      componentRepositories: matcher.components,
    };
    const manifestRules = rules.filter((r) => r.scope === 'manifests');
    return { findings: runRules(manifestRules, model, config.rules), model };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** One `# expect: rule-id [col=N] [expected=X] [actual=Y]` marker (markdownlint's `{MD010}` style). */
export interface ExpectMarker {
  ruleId: string;
  file: string;
  line: number;
  column?: number;
  expected?: string;
  actual?: string;
}

const MARKER = /#\s*expect:\s*([a-z0-9-]+)((?:\s+(?:col|expected|actual)=\S+)*)\s*$/;

/** Reads every marker of a fixture; a marker names the finding expected on its own line. */
export async function readExpectMarkers(fixtureDir: string): Promise<ExpectMarker[]> {
  const files = (await glob('**/*.{yaml,yml}', { cwd: fixtureDir, dot: true, posix: true })).sort();
  const markers: ExpectMarker[] = [];
  for (const file of files) {
    const lines = (await readFile(join(fixtureDir, file), 'utf8')).split('\n');
    lines.forEach((text, index) => {
      const match = MARKER.exec(text);
      if (!match) return;
      const marker: ExpectMarker = { ruleId: match[1], file, line: index + 1 };
      for (const [, key, value] of match[2].matchAll(/(col|expected|actual)=(\S+)/g)) {
        if (key === 'col') marker.column = Number(value);
        else marker[key as 'expected' | 'actual'] = value;
      }
      markers.push(marker);
    });
  }
  return markers;
}
