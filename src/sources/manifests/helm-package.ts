import { readdirSync } from 'node:fs';
import path from 'node:path';
import { readLimitedSync } from './manifest-bytes.js';

/**
 * Chart versions a release job sets when it packages the chart: `helm package --app-version "$TAG" --version …
 * charts/spegel` in a GitHub workflow or the Makefile. There the committed `version`/`appVersion` are what the
 * job overwrites (spegel keeps `v0.0.1` in both), not the release's, so they are not checked.
 */
export interface PackagedVersions {
  version: boolean;
  appVersion: boolean;
  /** where the command is: `file:line` */
  where: string;
}

/** The places a release job is written down, relative to the root: workflows and the Makefile. */
const WORKFLOWS = '.github/workflows';
const MAKEFILES = ['Makefile', 'makefile', 'GNUmakefile'];
/** A release job's file is a few kilobytes: a larger one is no workflow anyone wrote by hand. */
const MAX_BYTES = 1024 * 1024;

/** For each chart directory (relative, `/`-separated; `` is the root) that a `helm package` sets versions of. */
export function packagedChartVersions(root: string, chartDirs: readonly string[]): Map<string, PackagedVersions> {
  const found = new Map<string, PackagedVersions>();
  if (chartDirs.length === 0) return found;
  for (const file of releaseJobFiles(root)) {
    const text = readSmallFile(path.join(root, file));
    if (text === undefined || !text.includes('helm')) continue;
    for (const command of helmPackageCommands(text)) {
      const sets = { version: command.flags.has('--version'), appVersion: command.flags.has('--app-version') };
      if (!sets.version && !sets.appVersion) continue;
      for (const dir of chartDirs) {
        if (!command.paths.some((written) => names(written, dir))) continue;
        const known = found.get(dir);
        found.set(dir, { version: sets.version || !!known?.version, appVersion: sets.appVersion || !!known?.appVersion, where: known?.where ?? `${file}:${command.line}` });
      }
    }
  }
  return found;
}

function releaseJobFiles(root: string): string[] {
  let workflows: string[] = [];
  try {
    workflows = readdirSync(path.join(root, WORKFLOWS)).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => `${WORKFLOWS}/${name}`);
  } catch {
    // no workflows
  }
  return [...workflows, ...MAKEFILES];
}

/** The file's text; none when it is missing, not a regular file or over the limit (readLimitedSync never blocks). */
function readSmallFile(absolute: string): string | undefined {
  try {
    return readLimitedSync(absolute, MAX_BYTES).bytes?.toString('utf8');
  } catch {
    return undefined;
  }
}

interface HelmPackage {
  line: number;
  flags: Set<string>;
  /** the chart paths it packages, as written (`charts/spegel`, `./charts/$CHART`); none means the current folder */
  paths: string[];
}

/** Flags of `helm package` that take a value (the value is no chart path). */
const VALUED_FLAGS = new Set(['--app-version', '--version', '-d', '--destination', '--key', '--keyring', '--passphrase-file']);

/** Every `helm package` command of a script or workflow, a `\` at a line's end continuing it on the next. */
export function helmPackageCommands(text: string): HelmPackage[] {
  const commands: HelmPackage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const at = lines[i].search(/\bhelm\s+package\b/);
    if (at < 0) continue;
    let command = lines[i].slice(at);
    for (let j = i; /\\\r?$/.test(lines[j]) && j + 1 < lines.length; j++) command = `${command.replace(/\\\r?$/, '')} ${lines[j + 1]}`;
    // a workflow expression is one word (`${{ matrix.chart }}`); the command ends where the shell starts another
    command = command.replace(/\$\{\{.*?\}\}/g, '${{}}');
    const words = command.split(/\s*(?:&&|\|\||;|\|)\s*/)[0].trim().split(/\s+/).slice(2);
    const flags = new Set<string>();
    const paths: string[] = [];
    for (let k = 0; k < words.length; k++) {
      const word = words[k];
      if (word.startsWith('-')) {
        const [flag] = word.split('=');
        flags.add(flag);
        if (VALUED_FLAGS.has(flag) && !word.includes('=')) k++;
      } else if (word !== '') {
        paths.push(word.replace(/^["']|["']$/g, ''));
      }
    }
    commands.push({ line: i + 1, flags, paths: paths.length > 0 ? paths : ['.'] });
  }
  return commands;
}

/**
 * Whether a chart path as written names the chart directory `dir`: the same path (`./charts/spegel/`), or one with
 * a variable or a glob that the directory fits (`charts/$CHART`, `charts/*`, `.` run from the root).
 */
function names(written: string, dir: string): boolean {
  const clean = written.replace(/^\.\//, '').replace(/\/+$/, '');
  if (clean === '.' || clean === '') return true;
  const open = clean.search(/[$*{]/);
  if (open < 0) return clean === dir;
  return dir.startsWith(clean.slice(0, open));
}
