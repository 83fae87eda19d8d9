import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { rules as allRules } from '../../rules/index.js';
import { CONTRACT_RULE_IDS } from '../config/defaults.js';
import { runCheck, type CheckResult } from '../engine/check.js';
import type { ClusterTarget } from '../model/cluster.js';
import { InputError } from '../model/errors.js';
import type { Diagnostic } from '../model/release.js';
import type { Reporter } from '../reporters/types.js';
import { parseCheckCommandLine, resolveRoot, type CheckCommandLine, type Format } from './check-options.js';
import { useColor } from './color.js';
import type { CliIO } from './io.js';
import { COMMAND_USAGE } from './usage.js';

/** `tagcheck [check] [PATH]`: the lint. Exit 0 clean, 1 findings at or above --fail-on. */
export async function runCheckCommand(argv: string[], io: CliIO): Promise<number> {
  // `check --fix` is `fix` (eslint's spelling); everything after `--` is a positional, never the flag
  const separator = argv.indexOf('--');
  const flags = separator < 0 ? argv : argv.slice(0, separator);
  if (flags.includes('--fix')) return (await import('./fix.js')).runFixCommand(argv.filter((arg, i) => !(arg === '--fix' && (separator < 0 || i < separator))), io);
  const line = parseCheckCommandLine(argv);
  if (line.help) {
    io.stdout.write(COMMAND_USAGE.check);
    return 0;
  }
  assertKnownRules(line.ruleLevels);
  if (line.clusterOutput) throw new InputError('--cluster-output belongs to `tagcheck snapshot` (check reads a recording with --cluster-snapshot FILE)');
  const log = line.verbose ? (text: string) => io.stderr.write(`tagcheck: ${text}\n`) : undefined;
  // Registry work can take seconds: say so on a terminal, never in a pipe (CI logs, `--format json | jq`).
  const progress = line.verbose || (io.stderr.isTTY && !line.quiet) ? (text: string) => io.stderr.write(`tagcheck: ${text}\n`) : undefined;
  const result = await runCheck({
    root: await resolveRoot(io.cwd, line.path),
    env: io.env,
    scope: line.scope,
    ruleLevels: line.ruleLevels,
    failOn: line.failOn,
    insecureRegistries: line.insecureRegistries,
    concurrency: line.concurrency,
    timeoutMs: line.timeoutMs,
    cache: !line.noCache,
    ...(line.configFile ? { configFile: resolve(io.cwd, line.configFile) } : {}),
    ...(line.tag ? { tag: line.tag } : {}),
    ...(line.platforms.length ? { platforms: line.platforms } : {}),
    ...(line.registrySnapshot ? { registrySnapshot: resolve(io.cwd, line.registrySnapshot) } : {}),
    ...(line.cluster ? { cluster: resolveClusterTarget(io.cwd, line.cluster) } : {}),
    ...(line.clusterSnapshot ? { clusterSnapshot: resolve(io.cwd, line.clusterSnapshot) } : {}),
    ...(line.clusterNamespaces ? { clusterNamespaces: line.clusterNamespaces } : {}),
    ...(log ? { log } : {}),
    ...(progress ? { progress } : {}),
    ...(io.pushRemote ? { pushRemote: io.pushRemote } : {}),
    // (a temp tree of the hook has no .git: the earlier releases' tags are read from the repository it copies)
    ...(io.cacheKey ? { cacheKey: io.cacheKey, historyRoot: io.cacheKey } : {}),
  });

  if (log) log(describeModel(result));
  printDiagnostics(result.diagnostics, line, io);
  const reporter = await reporterFor(line.format);
  const stdoutColor = useColor(io.stdout, io.env, line.noColor);
  const stderrColor = useColor(io.stderr, io.env, line.noColor);
  // chalk loads only when something is printed in colour
  const { textSummary, enableColor } = await import('../reporters/text.js');
  if (stdoutColor || stderrColor) await enableColor();
  if (line.output) {
    const report = reporter(result.report, { color: false });
    const target = resolve(io.cwd, line.output);
    // CI steps write reports into folders that do not exist yet (`reports/tagcheck.sarif`).
    await mkdir(dirname(target), { recursive: true })
      .then(() => writeFile(target, report))
      .catch((error: NodeJS.ErrnoException) => {
        throw new InputError(`cannot write the report to ${line.output}: ${error.code ?? error.message}`);
      });
    if (!line.quiet) io.stderr.write(`${textSummary(result.report, { color: stderrColor })}\n`);
  } else {
    io.stdout.write(reporter(result.report, { color: stdoutColor }));
    // The text report ends with its own summary; machine formats keep stdout clean and summarise on stderr.
    if (line.format !== 'text' && !line.quiet && io.stderr.isTTY) {
      io.stderr.write(`${textSummary(result.report, { color: stderrColor })}\n`);
    }
  }
  return result.exitCode;
}

/** `--kubeconfig` relative to the working directory, like every other file flag. */
export function resolveClusterTarget(cwd: string, target: ClusterTarget): ClusterTarget {
  return target.kubeconfig ? { ...target, kubeconfig: resolve(cwd, target.kubeconfig) } : target;
}

/** `--verbose`: what the check looked at, so a surprising result can be traced to its inputs. */
function describeModel({ model }: CheckResult): string {
  const own = model.imageUses.filter((u) => u.own).length;
  const release = model.chartRelease
    ? `chart release ${model.chartRelease.tag} of chart ${model.chartRelease.chart} (from ${model.chartRelease.source}): images checked against each other`
    : model.release ? `release ${model.release.tag} (from ${model.release.source})` : 'no release tag';
  const config = model.config.file ? `config ${model.config.file}` : 'no config file';
  const ownership = model.config.images.length
    ? `own images from images: in ${model.config.file}`
    : `own images by repository name "${model.repositoryName}" (from ${model.repositoryNameSource ?? 'folder name'})`;
  const cluster = model.cluster
    ? `; cluster ${model.cluster.context}: ${model.cluster.workloads.length} workloads, ${model.cluster.pods.length} pods, ${(model.deployedImages ?? []).filter((i) => i.own).length} own container images`
    : '';
  return `${release}; ${config}; ${ownership}; ${model.files.length} files, ${model.imageUses.length} image uses (${own} own), ${model.charts.length} charts, ${model.kustomizeOverrides.length} kustomize image overrides; own repositories: ${model.ownRepositories.join(', ') || 'none'}${cluster}`;
}

/** A typo in `--rule` would otherwise silently change nothing. */
export function assertKnownRules(levels: Record<string, unknown>): void {
  const known = new Set([...CONTRACT_RULE_IDS, ...allRules.map((r) => r.id)]);
  for (const id of Object.keys(levels)) {
    if (!known.has(id)) throw new InputError(`--rule: unknown rule "${id}" (see \`tagcheck rules\`)`);
  }
}

/**
 * Manifest diagnostics (unparseable or skipped files) go to stderr, so a broken file is never silent:
 * errors and warnings always (unless --quiet hides warnings), notes with --verbose. The sources write
 * messages that already name the file (`deploy/x.yaml:3:1: invalid YAML: …`); others get it prefixed.
 */
export function printDiagnostics(diagnostics: Diagnostic[], line: Pick<CheckCommandLine, 'quiet' | 'verbose'>, io: CliIO): void {
  for (const d of diagnostics) {
    const shown = d.level === 'error' || (d.level === 'warning' && !line.quiet) || (d.level === 'note' && line.verbose);
    if (!shown) continue;
    const where = [d.file, d.line, d.line !== undefined ? d.column : undefined].filter((p) => p !== undefined).join(':');
    const text = d.file === undefined || d.message.startsWith(d.file) ? d.message : `${where}: ${d.message}`;
    io.stderr.write(`tagcheck: ${d.level}: ${text}\n`);
  }
}

/** Reporters load on demand: a text run never loads the SARIF code (hashing, schema constants). */
export async function reporterFor(format: Format): Promise<Reporter> {
  switch (format) {
    case 'text':
      return (await import('../reporters/text.js')).textReporter;
    case 'json':
      return (await import('../reporters/json.js')).jsonReporter;
    case 'sarif':
      return (await import('../reporters/sarif.js')).sarifReporter;
    case 'github':
      return (await import('../reporters/github.js')).githubReporter;
  }
}
