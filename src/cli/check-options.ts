import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { FailOn, Scope } from '../engine/check.js';
import type { ClusterTarget } from '../model/cluster.js';
import { InputError } from '../model/errors.js';
import type { LevelSetting } from '../model/finding.js';
import { parsePlatform, type Platform } from '../model/platform.js';
import { statOrUndefined } from '../sources/file-walk.js';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
const SCOPES: readonly Scope[] = ['manifests', 'registry', 'cluster', 'all'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'note', 'none'];
const LEVEL_SETTINGS: readonly LevelSetting[] = ['off', 'note', 'warning', 'error'];

/** Every option of `check`; `snapshot` accepts the same set and ignores what does not apply. */
export const CHECK_OPTION_SPEC = {
  tag: { type: 'string' },
  config: { type: 'string' },
  scope: { type: 'string' },
  offline: { type: 'boolean' },
  'registry-snapshot': { type: 'string' },
  'insecure-registry': { type: 'string', multiple: true },
  platform: { type: 'string', multiple: true },
  rule: { type: 'string', multiple: true },
  format: { type: 'string' },
  output: { type: 'string' },
  'fail-on': { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  'no-color': { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  quiet: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  // `--cluster [CONTEXT]` takes an optional value, which parseArgs cannot express: see takeClusterFlag
  cluster: { type: 'string', multiple: true },
  kubeconfig: { type: 'string' },
  namespace: { type: 'string', multiple: true },
  'cluster-snapshot': { type: 'string' },
  'cluster-output': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** Marks `--cluster` given without a CONTEXT (the kubeconfig's current-context). */
const CURRENT_CONTEXT = '\u0000current-context';

/** The parsed and validated command line of `check`/`snapshot`. */
export interface CheckCommandLine {
  path: string;
  help: boolean;
  tag?: string;
  configFile?: string;
  scope: Scope;
  registrySnapshot?: string;
  insecureRegistries: string[];
  platforms: Platform[];
  ruleLevels: Record<string, LevelSetting>;
  format: Format;
  output?: string;
  failOn: FailOn;
  concurrency: number;
  timeoutMs: number;
  noColor: boolean;
  /** `--no-cache`: parse every manifest, neither read nor write the facts cache */
  noCache: boolean;
  quiet: boolean;
  verbose: boolean;
  /** `--cluster [CONTEXT]` with `--kubeconfig` and `--namespace` */
  cluster?: ClusterTarget;
  clusterSnapshot?: string;
  /** `--namespace` with `--cluster-snapshot`: only these namespaces of the recording */
  clusterNamespaces?: string[];
  /** snapshot only: where the recorded cluster goes */
  clusterOutput?: string;
}

/**
 * node:util parseArgs in strict mode, with its errors reworded into one line each
 * (its own messages run to three sentences about `--`).
 */
export function parseStrict<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new InputError(describeParseError(error));
  }
}

function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const text = String(message ?? error);
  const quoted = /'([^']+)'/.exec(text)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted ?? text} (see --help)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(text)
        ? `option ${quoted?.split(' ')[0] ?? ''} needs a value`
        : `${text.split('. ')[0]}`;
    default:
      return text.split('. ')[0];
  }
}

/**
 * `--cluster` alone reads the kubeconfig's current-context; `--cluster CONTEXT` or `--cluster=CONTEXT` names one.
 * The argument after `--cluster` is its CONTEXT unless it starts with `-`, so a PATH goes before `--cluster`.
 */
export function takeClusterFlag(argv: string[]): string[] {
  const result: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      result.push(...argv.slice(i));
      break;
    }
    if (arg === '--cluster') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('-')) {
        result.push(`--cluster=${next}`);
        i++;
      } else result.push(`--cluster=${CURRENT_CONTEXT}`);
    } else if (arg === '--cluster=') result.push(`--cluster=${CURRENT_CONTEXT}`);
    else result.push(arg);
  }
  return result;
}

function parseCluster(values: {
  cluster?: string[] | undefined;
  kubeconfig?: string | undefined;
  namespace?: string[] | undefined;
  'cluster-snapshot'?: string | undefined;
}): ClusterTarget | undefined {
  const given = values.cluster ?? [];
  if (given.length > 1) throw new InputError('--cluster is given more than once (one context per run)');
  const namespaces = clusterNamespaces(values.namespace);
  if (given.length === 0) {
    if (values.kubeconfig !== undefined) throw new InputError('--kubeconfig needs --cluster [CONTEXT]');
    if (namespaces.length && values['cluster-snapshot'] === undefined) throw new InputError('--namespace needs --cluster [CONTEXT] or --cluster-snapshot FILE');
    return undefined;
  }
  if (values['cluster-snapshot'] !== undefined) throw new InputError('--cluster and --cluster-snapshot exclude each other');
  const context = given[0] === CURRENT_CONTEXT ? undefined : nonEmpty('--cluster', given[0]);
  return {
    ...(context !== undefined ? { context } : {}),
    ...(values.kubeconfig !== undefined ? { kubeconfig: nonEmpty('--kubeconfig', values.kubeconfig) } : {}),
    ...(namespaces.length ? { namespaces } : {}),
  };
}

function clusterNamespaces(values: string[] | undefined): string[] {
  return [...new Set(values ?? [])].map((ns) => {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns)) throw new InputError(`--namespace "${ns}" is not a Kubernetes namespace name`);
    return ns;
  });
}

export function parseCheckCommandLine(argv: string[]): CheckCommandLine {
  const { values, positionals } = parseStrict(takeClusterFlag(argv), CHECK_OPTION_SPEC);
  if (positionals.length > 1) throw new InputError(`expected one PATH, got ${positionals.length}: ${positionals.join(' ')}`);
  const scope = values.offline ? 'manifests' : oneOf('--scope', values.scope ?? 'all', SCOPES);
  if (values.offline && values.scope && values.scope !== 'manifests') {
    throw new InputError(`--offline contradicts --scope ${values.scope}`);
  }
  const cluster = parseCluster(values);
  const clusterSnapshot = values['cluster-snapshot'] !== undefined ? nonEmpty('--cluster-snapshot', values['cluster-snapshot']) : undefined;
  const clusterFlag = cluster ? '--cluster' : clusterSnapshot !== undefined ? '--cluster-snapshot' : undefined;
  if (clusterFlag && values.offline) throw new InputError(`--offline skips the cluster rules: drop ${clusterFlag} or --offline`);
  if (clusterFlag && scope !== 'all' && scope !== 'cluster') throw new InputError(`${clusterFlag} needs --scope all or cluster (not ${scope})`);
  if (!clusterFlag && scope === 'cluster') throw new InputError('--scope cluster needs --cluster [CONTEXT] or --cluster-snapshot FILE');
  if (values['cluster-output'] !== undefined && !cluster) throw new InputError('--cluster-output needs --cluster [CONTEXT]');
  if (values.quiet && values.verbose) throw new InputError('--quiet and --verbose exclude each other');
  return {
    path: positionals[0] ?? '.',
    help: values.help ?? false,
    ...(values.tag !== undefined ? { tag: nonEmpty('--tag', values.tag) } : {}),
    ...(values.config !== undefined ? { configFile: nonEmpty('--config', values.config) } : {}),
    scope,
    ...(values['registry-snapshot'] !== undefined
      ? { registrySnapshot: nonEmpty('--registry-snapshot', values['registry-snapshot']) }
      : {}),
    insecureRegistries: (values['insecure-registry'] ?? []).map((host) => parseHost(host)),
    platforms: (values.platform ?? []).map(parsePlatformFlag),
    ruleLevels: parseRuleLevels(values.rule ?? []),
    format: oneOf('--format', values.format ?? 'text', FORMATS),
    ...(values.output !== undefined ? { output: nonEmpty('--output', values.output) } : {}),
    failOn: oneOf('--fail-on', values['fail-on'] ?? 'error', FAIL_ON),
    concurrency: positiveInteger('--concurrency', values.concurrency ?? '8'),
    timeoutMs: positiveInteger('--timeout', values.timeout ?? '10000'),
    noColor: values['no-color'] ?? false,
    noCache: values['no-cache'] ?? false,
    quiet: values.quiet ?? false,
    verbose: values.verbose ?? false,
    ...(cluster ? { cluster } : {}),
    ...(clusterSnapshot !== undefined ? { clusterSnapshot } : {}),
    ...(clusterSnapshot !== undefined && values.namespace?.length ? { clusterNamespaces: clusterNamespaces(values.namespace) } : {}),
    ...(values['cluster-output'] !== undefined ? { clusterOutput: nonEmpty('--cluster-output', values['cluster-output']) } : {}),
  };
}

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`${flag} "${value}" is not one of ${allowed.join(', ')}`);
}

function nonEmpty(flag: string, value: string): string {
  if (value.trim() === '') throw new InputError(`${flag} needs a non-empty value`);
  return value;
}

function positiveInteger(flag: string, value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new InputError(`${flag} "${value}" is not a positive whole number`);
  return Number(value);
}

function parseHost(value: string): string {
  const host = value.trim().toLowerCase();
  if (!/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d+)?$/.test(host)) {
    throw new InputError(`--insecure-registry "${value}" is not HOST or HOST:PORT`);
  }
  return host;
}

function parsePlatformFlag(value: string): Platform {
  const platform = parsePlatform(value);
  if (!platform) throw new InputError(`--platform "${value}" is not OS/ARCH[/VARIANT] (e.g. linux/arm64)`);
  return platform;
}

/** `--rule ID=level`; unknown ids are checked by the command against the rule list. */
export function parseRuleLevels(values: string[]): Record<string, LevelSetting> {
  const levels: Record<string, LevelSetting> = {};
  for (const value of values) {
    const match = /^([^=\s]+)=([^=\s]+)$/.exec(value.trim());
    if (!match) throw new InputError(`--rule "${value}" is not ID=off|note|warning|error`);
    levels[match[1]] = oneOf(`--rule ${match[1]}`, match[2], LEVEL_SETTINGS);
  }
  return levels;
}

/** PATH resolved against the working directory; errors name the path as the user typed it. */
export async function resolveRoot(cwd: string, path: string): Promise<string> {
  const root = resolve(cwd, path);
  const info = statOrUndefined(root);
  if (!info) {
    // `tagcheck chek` is more likely a mistyped command than a missing folder.
    const hint = /^[a-z-]+$/.test(path) ? ' (and it is not a command: check, fix, rules, snapshot, init, hook)' : '';
    throw new InputError(`PATH "${path}" does not exist${hint}`);
  }
  if (!info.isDirectory()) throw new InputError(`PATH "${path}" is not a directory`);
  return root;
}
