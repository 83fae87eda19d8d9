import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules as allRules } from '../../rules/index.js';
import { DEFAULT_REQUIREMENTS } from '../config/defaults.js';
import type { ClusterState, ClusterTarget } from '../model/cluster.js';
import type { Requirements, TagcheckConfig } from '../model/config.js';
import type { Finding, Level, LevelSetting } from '../model/finding.js';
import { levelRank } from '../model/finding.js';
import type { Diagnostic, ReleaseModel } from '../model/release.js';
import type { RuleDefinition } from '../model/rule.js';
import { readLimited, type FileReader } from '../sources/manifests/manifest-bytes.js';
import type { RegistrySource } from '../sources/registry/source.js';
import type { ReportData, RuleMetadata } from '../reporters/types.js';
import { buildReleaseModel, type ModelOptions } from './release-model.js';
import { runRules } from './run-rules.js';
import { applySuppressions } from './suppressions.js';
import { TOOL_NAME, toolVersion } from './tool.js';

export type Scope = 'manifests' | 'registry' | 'cluster' | 'all';

/** The one rule that reads the docs (src/sources/docs). */
const DOCS_RULE = 'docs-version-stale';
export type FailOn = Level | 'none';

/** Everything `tagcheck check` decides from flags; defaults are the contract's. */
export interface CheckOptions extends ModelOptions, RegistryOptions, ClusterOptions {
  /** `--scope` (`--offline` is `manifests`); default `all` */
  scope?: Scope;
  /** `--rule ID=level`, applied over the config's `rules:` */
  ruleLevels?: Record<string, LevelSetting>;
  /** `--fail-on`; default `error` */
  failOn?: FailOn;
  /** the rule set; tests may pass their own, default every rule in rules/index.ts */
  rules?: readonly RuleDefinition[];
}

/** How the registry is asked when registry rules run. */
export interface RegistryOptions {
  /** `--registry-snapshot` */
  registrySnapshot?: string;
  /** `--insecure-registry`, added to the config's `registries: {host: {insecure: true}}` */
  insecureRegistries?: string[];
  /** `--concurrency`; default 8 */
  concurrency?: number;
  /** `--timeout` per request in ms; default 10000 */
  timeoutMs?: number;
  /** answers registry questions instead of the network or a snapshot (the snapshot command records through it) */
  registrySource?: RegistrySource;
  /** `--verbose` lines for stderr; never given a credential */
  log?: (line: string) => void;
  /** one line when slow work starts (registry requests); the CLI shows it on a terminal only */
  progress?: (line: string) => void;
}

/** Where the cluster rules read the cluster from; without one of these they are skipped. */
export interface ClusterOptions {
  /** `--cluster [CONTEXT]`, `--kubeconfig`, `--namespace` */
  cluster?: ClusterTarget;
  /** `--cluster-snapshot FILE` */
  clusterSnapshot?: string;
  /** `--namespace` with `--cluster-snapshot`: only these namespaces of the recording */
  clusterNamespaces?: string[];
  /** an already read cluster (tests, or the snapshot command passing on what it recorded) */
  clusterState?: ClusterState;
}

export interface CheckResult {
  report: ReportData;
  /** files or values that could not be read or were skipped; the CLI prints them, JSON carries them */
  diagnostics: Diagnostic[];
  /** 1 when an unsuppressed finding is at or above `failOn`, else 0 */
  exitCode: 0 | 1;
  model: ReleaseModel;
}

/** The whole check: sources → release model → rules → suppressions → report data and exit code. */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const ruleSet = options.rules ?? allRules;
  // Markdown is read only for a rule that uses it: `--scope registry` or `docs-version-stale: off` costs no scan.
  // The rules that run follow from the config, which the model loads; the docs source asks before the rest is read.
  const rulesFor = (config: TagcheckConfig) => {
    const levels: Record<string, LevelSetting> = { ...config.rules, ...options.ruleLevels };
    return { levels, ...selectRules(ruleSet, options.scope ?? 'all', levels, { cluster: hasClusterSource(options), config }) };
  };
  const readDocs = (config: TagcheckConfig) => rulesFor(config).active.some((rule) => rule.id === DOCS_RULE);
  // The Markdown bytes the docs source read are kept for the in-source suppression check, which would otherwise
  // read a 5 MB README again to look for a `tagcheck-ignore` comment by a finding in it.
  const markdownRead = new Map<string, Uint8Array>();
  const docsReader: FileReader = async (absolute, limit) => {
    const read = await readLimited(absolute, limit);
    if (read.bytes) markdownRead.set(absolute, read.bytes);
    return read;
  };
  const model = await buildReleaseModel({ ...options, readDocs, docsReader });
  const { levels, active, skipped } = rulesFor(model.config);
  // what signature-missing / attestation-missing check is what runs: no request for a rule that is off
  model.config = { ...model.config, require: effectiveRequirements(model.config.require, active.map((r) => r.id)) };

  if (active.some((r) => r.scope === 'cluster')) {
    await addCluster(model, await gatherFromCluster(options));
  }
  const registryRules = active.some((r) => r.scope === 'registry');
  if (registryRules || active.some((r) => r.readsRegistry)) {
    model.registry = await gatherFromRegistry(model, options, registryRules);
  }
  const raw = dropDuplicates(runRules(active, model, levels, new Set(active.map((rule) => rule.id))));
  const findings = sortFindings(
    await applySuppressions(raw, {
      config: model.config,
      // sync: once per file with a finding, and fs/promises is not worth loading for a small check (issue 12)
      readFile: async (file) => markdownRead.get(join(model.root, file)) ?? readOrUndefined(join(model.root, file)),
    }),
  );
  const report: ReportData = {
    tool: { name: TOOL_NAME, version: toolVersion() },
    release: model.chartRelease ?? model.release,
    findings,
    rulesRun: active.map(ruleMetadata),
    rulesSkipped: skipped.map((r) => r.id),
    ...(model.config.file ? { configFile: model.config.file } : {}),
    ...(model.files.length ? { firstManifest: [...model.files].sort()[0] } : {}),
    diagnostics: model.diagnostics,
  };
  return { report, diagnostics: model.diagnostics, exitCode: exitCodeFor(findings, options.failOn ?? 'error', model.diagnostics), model };
}

/**
 * Splits the rules into those that run and those skipped by scope or set to `off`, both sorted by id. Cluster
 * rules are never on by default: they run only when a cluster is given (and the scope is `all` or `cluster`).
 */
export function selectRules(
  ruleSet: readonly RuleDefinition[],
  scope: Scope,
  levels: Record<string, LevelSetting>,
  /** `config`: what decides the rules `require:` must ask for (without it, they do not run) */
  sources: { cluster: boolean; config?: TagcheckConfig } = { cluster: false },
): { active: RuleDefinition[]; skipped: RuleDefinition[] } {
  const active: RuleDefinition[] = [];
  const skipped: RuleDefinition[] = [];
  for (const rule of [...ruleSet].sort((a, b) => compareText(a.id, b.id))) {
    const inScope = rule.scope === 'cluster' ? sources.cluster && (scope === 'all' || scope === 'cluster') : scope === 'all' || rule.scope === scope;
    const level = levels[rule.id] ?? rule.level;
    // a rule the config must ask for runs when it does, or when its level is set explicitly
    const asked = !rule.runsWhen || levels[rule.id] !== undefined || (sources.config !== undefined && rule.runsWhen(sources.config));
    (inScope && level !== 'off' && asked ? active : skipped).push(rule);
  }
  return { active, skipped };
}

/**
 * `require:` as the run checks it: a part whose rule does not run is dropped (so nothing is asked for it), and a
 * rule turned on by its level alone (`--rule signature-missing=error`) checks the defaults: a signature on the
 * release digest, SBOM and provenance attestations of it.
 */
export function effectiveRequirements(configured: Requirements, activeRuleIds: string[]): Requirements {
  const require: Requirements = {};
  if (activeRuleIds.includes('signature-missing')) require.signatures = configured.signatures ?? { ...DEFAULT_REQUIREMENTS.signatures };
  if (activeRuleIds.includes('attestation-missing')) {
    require.attestations = configured.attestations ?? { kinds: [...DEFAULT_REQUIREMENTS.attestations.kinds], platforms: false };
  }
  return require;
}

/**
 * The registry code (HTTP client, auth, snapshot reader) loads only here, by dynamic import, so an
 * offline check never pays for it at start-up.
 */
async function gatherFromRegistry(model: ReleaseModel, options: CheckOptions, registryRules: boolean) {
  const { gatherRegistryFacts } = await import('./registry-facts.js');
  options.progress?.(options.registrySnapshot ? `answering registry questions from ${options.registrySnapshot}` : 'asking the registry…');
  const source = options.registrySource ?? (await openRegistrySource(model, options));
  return gatherRegistryFacts(model, source, { registryRules });
}

export function hasClusterSource(options: ClusterOptions): boolean {
  return Boolean(options.cluster || options.clusterSnapshot || options.clusterState);
}

/**
 * The cluster code loads only here, by dynamic import: client-node (and its dependency tree) only for a live
 * `--cluster`, the snapshot reader alone for `--cluster-snapshot`; a plain lint loads neither.
 */
export async function gatherFromCluster(options: ClusterOptions & Pick<CheckOptions, 'env' | 'timeoutMs' | 'log' | 'progress'>): Promise<ClusterState> {
  if (options.clusterState) return options.clusterState;
  if (options.clusterSnapshot) {
    const { loadClusterSnapshot, onlyNamespaces } = await import('../sources/cluster/snapshot.js');
    const recorded = await loadClusterSnapshot(options.clusterSnapshot);
    return options.clusterNamespaces?.length ? onlyNamespaces(recorded, options.clusterNamespaces) : recorded;
  }
  options.progress?.('reading the cluster…');
  const { readCluster } = await import('../sources/cluster/client.js');
  return readCluster(options.cluster ?? {}, {
    env: options.env,
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(options.log ? { log: options.log } : {}),
  });
}

/** Puts the cluster into the model with each deployed image parsed and its ownership decided like the manifests'. */
export async function addCluster(model: ReleaseModel, cluster: ClusterState): Promise<void> {
  const { deployedImagesOf } = await import('./cluster-images.js');
  model.cluster = cluster;
  const { images, diagnostics } = deployedImagesOf(model, cluster);
  model.deployedImages = images;
  model.diagnostics.push(...diagnostics);
}

export async function openRegistrySource(
  model: ReleaseModel,
  options: RegistryOptions & { env: NodeJS.ProcessEnv },
): Promise<RegistrySource> {
  if (options.registrySnapshot) {
    const { loadSnapshot } = await import('../sources/registry/snapshot.js');
    return loadSnapshot(options.registrySnapshot);
  }
  const { createRegistryClient } = await import('../sources/registry/client.js');
  const configuredInsecure = Object.entries(model.config.registries)
    .filter(([, settings]) => settings.insecure)
    .map(([host]) => host);
  return createRegistryClient({
    concurrency: options.concurrency ?? 8,
    timeoutMs: options.timeoutMs ?? 10_000,
    insecureHosts: [...new Set([...(options.insecureRegistries ?? []), ...configuredInsecure])],
    env: options.env,
    ...(options.log ? { log: options.log } : {}),
  });
}

export function ruleMetadata(rule: RuleDefinition): RuleMetadata {
  const { check: _check, readsRegistry: _readsRegistry, runsWhen: _runsWhen, ...metadata } = rule;
  return metadata;
}

/**
 * Suppressed findings never fail the run. Warning diagnostics (a file skipped, nothing identified as the
 * project's own) fail it from `--fail-on warning` down: each is something left unchecked. Note diagnostics,
 * shown only with --verbose, never do.
 */
export function exitCodeFor(findings: Finding[], failOn: FailOn, diagnostics: readonly Diagnostic[] = []): 0 | 1 {
  if (failOn === 'none') return 0;
  const threshold = levelRank(failOn);
  const failing = (level: Level) => levelRank(level) >= threshold;
  if (findings.some((f) => !f.suppressed && failing(f.level))) return 1;
  return diagnostics.some((d) => d.level !== 'note' && failing(d.level)) ? 1 : 0;
}

/**
 * One node the user edits, one finding: a kustomize `newTag` that feeds two containers would otherwise be
 * reported once per container with the same words at the same place.
 */
export function dropDuplicates(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify([f.ruleId, f.level, f.message, f.location, f.image, f.expected, f.actual]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A stable order for every reporter: by file, line, column, rule; findings without a place last. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => {
    if (!a.location || !b.location) return (a.location ? 0 : 1) - (b.location ? 0 : 1) || compareText(a.ruleId, b.ruleId);
    return (
      compareText(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.message, b.message)
    );
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
