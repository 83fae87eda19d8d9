import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { FailOn, Scope } from '../engine/check.js';
import { InputError } from '../model/errors.js';
import type { LevelSetting } from '../model/finding.js';
import { parsePlatform, type Platform } from '../model/platform.js';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
const SCOPES: readonly Scope[] = ['manifests', 'registry', 'all'];
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
  quiet: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

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
  quiet: boolean;
  verbose: boolean;
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

export function parseCheckCommandLine(argv: string[]): CheckCommandLine {
  const { values, positionals } = parseStrict(argv, CHECK_OPTION_SPEC);
  if (positionals.length > 1) throw new InputError(`expected one PATH, got ${positionals.length}: ${positionals.join(' ')}`);
  const scope = values.offline ? 'manifests' : oneOf('--scope', values.scope ?? 'all', SCOPES);
  if (values.offline && values.scope && values.scope !== 'manifests') {
    throw new InputError(`--offline contradicts --scope ${values.scope}`);
  }
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
    quiet: values.quiet ?? false,
    verbose: values.verbose ?? false,
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
  const info = await stat(root).catch(() => null);
  if (!info) {
    // `tagcheck chek` is more likely a mistyped command than a missing folder.
    const hint = /^[a-z-]+$/.test(path) ? ' (and it is not a command: check, fix, rules, snapshot, init, hook)' : '';
    throw new InputError(`PATH "${path}" does not exist${hint}`);
  }
  if (!info.isDirectory()) throw new InputError(`PATH "${path}" is not a directory`);
  return root;
}
