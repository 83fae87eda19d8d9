import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { IgnoreEntry, LatestPolicy, PlatformRequirement, Requirements, TagcheckConfig } from '../model/config.js';
import { InputError } from '../model/errors.js';
import type { LevelSetting } from '../model/finding.js';
import { parseImageRef } from '../model/image-ref.js';
import type { Located } from '../model/located.js';
import { parsePlatform } from '../model/platform.js';
import { ATTESTATION_KINDS, defaultConfig } from './defaults.js';
import { keyText, quote } from './quote.js';

/** Where the config came from: `file` is what messages and Located values name. */
export interface ConfigSource {
  file: string;
  lineCounter: LineCounter;
  document: Document.Parsed;
  /** every rule id a `rules:` or `ignore:` entry may name */
  ruleIds: readonly string[];
}

/** Every key a config may have at the top, in the order messages list them. */
export const TOP_LEVEL_KEYS = ['images', 'components', 'manifests', 'docs', 'tagFormat', 'platforms', 'latest', 'mutableTags', 'version', 'rules', 'registries', 'ignore', 'require'] as const;
const LATEST_POLICIES: readonly LatestPolicy[] = ['required', 'optional', 'forbidden'];
const LEVEL_SETTINGS: readonly LevelSetting[] = ['off', 'note', 'warning', 'error'];
const GLOB_CHARACTERS = /[*?[\]{}!]/;
/** os/arch[/variant][:os.version]; the same pattern as schema/tagcheck.schema.json, so editors and tagcheck agree. */
const PLATFORM_PATTERN = /^\s*[^/\s:]+\/[^/\s:]+(?:\/[^/\s:]+)?(?::[^\s:]+)?\s*$/;

/**
 * Turns the parsed config document into a TagcheckConfig, failing on the first problem with one line
 * `FILE:LINE:COL: key.path: what is wrong (what is allowed)`, so an editor or terminal can jump to it.
 */
export function validateConfig(source: ConfigSource): TagcheckConfig {
  const config = defaultConfig();
  config.file = source.file;
  const reader = new NodeReader(source);
  const root = reader.resolve(source.document.contents);
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return config;
  const top = reader.map(root, 'the config');

  for (const pair of top.items) {
    const key = reader.key(pair, '', TOP_LEVEL_KEYS);
    const value = reader.resolve(pair.value as Node | null);
    switch (key as (typeof TOP_LEVEL_KEYS)[number]) {
      case 'images':
      case 'components':
        config[key as 'images' | 'components'] = reader.list(value, key, pair).map((item, i) => reader.imageName(item, `${key}[${i}]`));
        break;
      case 'manifests':
        config.manifests = reader.list(value, key, pair).map((item, i) => reader.nonEmptyString(item, `manifests[${i}]`, 'a glob').value);
        break;
      case 'docs':
        config.docs = reader.list(value, key, pair).map((item, i) => reader.nonEmptyString(item, `docs[${i}]`, 'a glob').value);
        break;
      case 'tagFormat':
        config.tagFormat = reader.tagFormat(value, pair);
        break;
      case 'platforms':
        config.platforms = reader.platforms(value, pair);
        break;
      case 'latest':
        config.latest = reader.oneOf(value, 'latest', LATEST_POLICIES, pair);
        break;
      case 'mutableTags':
        config.mutableTags = reader.list(value, key, pair).map((item, i) => reader.nonEmptyString(item, `mutableTags[${i}]`, 'a tag').value);
        break;
      case 'version':
        config.versionFrom = reader.version(value, pair);
        break;
      case 'rules':
        config.rules = reader.ruleLevels(value, pair);
        break;
      case 'registries':
        config.registries = reader.registries(value, pair);
        break;
      case 'ignore':
        config.ignore = reader.list(value, key, pair).map((item, i) => reader.ignoreEntry(item, `ignore[${i}]`));
        break;
      case 'require':
        config.require = reader.requirements(value, pair);
        break;
    }
  }
  return config;
}

/** Reads typed values out of YAML nodes; every failure names the file, line, column and key path. */
class NodeReader {
  constructor(private readonly source: ConfigSource) {}

  fail(node: Node | Pair | null | undefined, message: string): never {
    const offset = rangeStart(node);
    if (offset === undefined) throw new InputError(`${this.source.file}: ${message}`);
    const { line, col } = this.source.lineCounter.linePos(offset);
    throw new InputError(`${this.source.file}:${line}:${col}: ${message}`);
  }

  /** Follows aliases (`*name`) to the node they stand for; anchors are legal YAML and cost nothing here. */
  resolve(node: Node | null | undefined): Node | null {
    let current: unknown = node ?? null;
    for (let hops = 0; isAlias(current) && hops < 100; hops++) current = current.resolve(this.source.document) ?? null;
    return isAlias(current) ? null : ((current as Node | null) ?? null);
  }

  located<T>(node: Node, value: T): Located<T> {
    const { line, col } = this.source.lineCounter.linePos(rangeStart(node) ?? 0);
    return { value, file: this.source.file, line, column: col };
  }

  map(node: Node | null, path: string, at?: Pair): YAMLMap {
    if (!isMap(node)) this.fail(node ?? at, `${path}: expected a mapping, got ${describe(node)}`);
    return node;
  }

  list(node: Node | null, path: string, at: Pair): Node[] {
    if (!isSeq(node)) this.fail(node ?? at, `${path}: expected a list, got ${describe(node)}`);
    return node.items.map((item) => this.resolve(item as Node)).map((item) => item ?? (null as unknown as Node));
  }

  /** A mapping key as text; `allowed` (when given) is the closed set of keys at this level. */
  key(pair: Pair, path: string, allowed?: readonly string[]): string {
    const keyNode = this.resolve(pair.key as Node | null);
    const where = path ? ` in ${path}` : '';
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      this.fail(keyNode ?? pair, `a key${where} must be plain text, got ${describe(keyNode)}${allowed ? ` (allowed: ${allowed.join(', ')})` : ''}`);
    }
    const key = String(keyNode.value);
    if (allowed && !allowed.includes(key)) this.fail(keyNode, `unknown key ${quote(key)}${where} (allowed: ${allowed.join(', ')})`);
    return key;
  }

  string(node: Node | null, path: string): string {
    if (!isScalar(node) || typeof node.value !== 'string') this.fail(node, `${path}: expected a string, got ${describe(node)}`);
    return node.value;
  }

  nonEmptyString(node: Node | null, path: string, what: string): Located<string> {
    const text = this.string(node, path);
    if (text.trim() === '') this.fail(node, `${path}: expected ${what}, got an empty string`);
    return this.located(node!, text);
  }

  oneOf<T extends string>(node: Node | null, path: string, allowed: readonly T[], at: Pair): T {
    const text = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
    if (text === undefined || !allowed.includes(text as T)) {
      const got = text === undefined ? describe(node) : `${quote(text)}`;
      this.fail(node ?? at, `${path}: expected one of ${allowed.join(', ')}, got ${got}`);
    }
    return text as T;
  }

  /** An image repository (`ghcr.io/acme/app`) or a glob over repositories (`ghcr.io/acme/gadget-*`). */
  imageName(node: Node, path: string): Located<string> {
    const name = this.nonEmptyString(node, path, 'an image repository');
    if (/\s/.test(name.value)) this.fail(node, `${path}: ${quote(name.value)} contains white space (expected an image repository such as ghcr.io/acme/app)`);
    if (name.value.includes('@')) this.fail(node, `${path}: ${quote(name.value)} has a digest; list repositories without tag or digest`);
    if (!GLOB_CHARACTERS.test(name.value)) {
      const parsed = parseImageRef(name.value);
      if (!parsed.ok) this.fail(node, `${path}: ${parsed.error}`);
      if (parsed.ref.tag !== undefined) this.fail(node, `${path}: ${quote(name.value)} has a tag; list repositories without tag (the release tag decides it)`);
    }
    return name;
  }

  tagFormat(node: Node | null, at: Pair): string {
    const text = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
    if (text === 'same' || text === 'exact' || (text !== undefined && text.includes('{version}') && !/\s/.test(text))) return text;
    const got = text === undefined ? describe(node) : `${quote(text)}`;
    // Unquoted, `{version}` is a YAML mapping: say so, since the text looks right to the user.
    const hint = isMap(node) ? ' (a template starting with { must be quoted: tagFormat: "{version}")' : '';
    this.fail(node ?? at, `tagFormat: expected same, exact or a template containing {version} such as "v{version}", got ${got}${hint}`);
  }

  /** A list of platforms required of every image, or a map of repository glob → list with `default` last. */
  platforms(node: Node | null, at: Pair): PlatformRequirement[] {
    if (isSeq(node)) return [{ pattern: 'default', platforms: this.platformList(node, 'platforms', at) }];
    if (!isMap(node)) this.fail(node ?? at, `platforms: expected a list such as [linux/amd64, linux/arm64] or a map of image → list, got ${describe(node)}`);
    const requirements: PlatformRequirement[] = [];
    let fallback: PlatformRequirement | undefined;
    for (const pair of node.items) {
      const pattern = this.key(pair, 'platforms');
      const requirement = { pattern, platforms: this.platformList(this.resolve(pair.value as Node | null), `platforms.${keyText(pattern)}`, pair) };
      if (pattern === 'default') fallback = requirement;
      else requirements.push(requirement);
    }
    // `default` applies to whatever no other entry matched, wherever the user wrote it.
    return fallback ? [...requirements, fallback] : requirements;
  }

  private platformList(node: Node | null, path: string, at: Pair) {
    return this.list(node, path, at).map((item, i) => {
      const text = this.string(item, `${path}[${i}]`);
      const platform = PLATFORM_PATTERN.test(text) ? parsePlatform(text) : null;
      if (!platform) {
        this.fail(item, `${path}[${i}]: ${quote(text)} is not a platform (expected os/arch[/variant][:os.version], e.g. linux/arm64 or windows/amd64:ltsc2022)`);
      }
      return platform;
    });
  }

  version(node: Node | null, at: Pair): Located<string> | undefined {
    const map = this.map(node, 'version', at);
    let from: Located<string> | undefined;
    for (const pair of map.items) {
      this.key(pair, 'version', ['from']);
      from = this.nonEmptyString(this.resolve(pair.value as Node | null) ?? (pair as unknown as Node), 'version.from', 'a file, optionally with #key.path');
      const [file, keyPath] = splitVersionFrom(from.value);
      if (file === '' || keyPath === '') this.fail(pair.value as Node, `version.from: ${quote(from.value)} must be FILE or FILE#key.path, e.g. charts/app/Chart.yaml#appVersion`);
    }
    return from;
  }

  ruleLevels(node: Node | null, at: Pair): Record<string, LevelSetting> {
    const map = this.map(node, 'rules', at);
    const levels: Record<string, LevelSetting> = {};
    for (const pair of map.items) {
      const id = this.ruleId(pair);
      levels[id] = this.oneOf(this.resolve(pair.value as Node | null), `rules.${id}`, LEVEL_SETTINGS, pair);
    }
    return levels;
  }

  private ruleId(pair: Pair): string {
    const id = this.key(pair, 'rules');
    if (!this.source.ruleIds.includes(id)) this.fail(pair.key as Node, `rules: unknown rule id ${quote(id)} (known: ${this.source.ruleIds.join(', ')})`);
    return id;
  }

  registries(node: Node | null, at: Pair): Record<string, { insecure?: boolean }> {
    const map = this.map(node, 'registries', at);
    const registries: Record<string, { insecure?: boolean }> = {};
    for (const pair of map.items) {
      const host = this.key(pair, 'registries');
      if (!/^[A-Za-z0-9.[\]:-]+$/.test(host)) this.fail(pair.key as Node, `registries: ${quote(host)} is not a registry host (expected HOST[:PORT], e.g. localhost:5000)`);
      const settings = this.map(this.resolve(pair.value as Node | null), `registries.${host}`, pair);
      const entry: { insecure?: boolean } = {};
      for (const setting of settings.items) {
        this.key(setting, `registries.${host}`, ['insecure']);
        const value = this.resolve(setting.value as Node | null);
        if (!isScalar(value) || typeof value.value !== 'boolean') this.fail(value ?? setting, `registries.${host}.insecure: expected true or false, got ${describe(value)}`);
        entry.insecure = value.value;
      }
      registries[host.toLowerCase()] = entry;
    }
    return registries;
  }

  /** `require: { signatures: true | { platforms: true }, attestations: [sbom, …] | { kinds: […], platforms: true } }` */
  requirements(node: Node | null, at: Pair): Requirements {
    const map = this.map(node, 'require', at);
    const requirements: Requirements = {};
    for (const pair of map.items) {
      const key = this.key(pair, 'require', ['signatures', 'attestations']);
      const value = this.resolve(pair.value as Node | null);
      if (key === 'signatures') {
        if (isScalar(value) && typeof value.value === 'boolean') {
          if (value.value) requirements.signatures = { platforms: false };
          else delete requirements.signatures;
          continue;
        }
        if (!isMap(value)) this.fail(value ?? pair, `require.signatures: expected true, false or { platforms: true }, got ${describe(value)}`);
        requirements.signatures = { platforms: this.platformsFlag(value, 'require.signatures', ['platforms']).platforms };
      } else {
        if (isSeq(value)) {
          requirements.attestations = { kinds: this.attestationKinds(value, 'require.attestations', pair), platforms: false };
          continue;
        }
        if (!isMap(value)) this.fail(value ?? pair, `require.attestations: expected a list such as [sbom, provenance] or { kinds: [...], platforms: true }, got ${describe(value)}`);
        const settings = this.platformsFlag(value, 'require.attestations', ['kinds', 'platforms']);
        if (!settings.kinds) this.fail(value, 'require.attestations: missing key "kinds" (e.g. kinds: [sbom, provenance])');
        requirements.attestations = { kinds: this.attestationKinds(settings.kinds, 'require.attestations.kinds', pair), platforms: settings.platforms };
      }
    }
    if (requirements.attestations?.kinds.length === 0) delete requirements.attestations;
    return requirements;
  }

  private platformsFlag(map: YAMLMap, path: string, allowed: string[]): { platforms: boolean; kinds?: Node | null } {
    const result: { platforms: boolean; kinds?: Node | null } = { platforms: false };
    for (const setting of map.items) {
      const key = this.key(setting, path, allowed);
      const value = this.resolve(setting.value as Node | null);
      if (key === 'kinds') {
        result.kinds = value;
        continue;
      }
      if (!isScalar(value) || typeof value.value !== 'boolean') this.fail(value ?? setting, `${path}.platforms: expected true or false, got ${describe(value)}`);
      result.platforms = value.value;
    }
    return result;
  }

  private attestationKinds(node: Node | null, path: string, at: Pair): string[] {
    const kinds = this.list(node, path, at).map((item, i) => {
      const text = this.nonEmptyString(item, `${path}[${i}]`, 'an attestation kind').value.trim();
      // an exact in-toto predicate type is accepted for attestations tagcheck has no name for
      if (!ATTESTATION_KINDS.includes(text) && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(text)) {
        this.fail(item, `${path}[${i}]: unknown attestation kind ${quote(text)} (expected ${ATTESTATION_KINDS.join(', ')} or a predicate type URI such as https://slsa.dev/provenance/v1)`);
      }
      return text;
    });
    return [...new Set(kinds)];
  }

  ignoreEntry(node: Node, path: string): IgnoreEntry {
    const map = this.map(node, path);
    const entry: Partial<IgnoreEntry> = {};
    for (const pair of map.items) {
      const key = this.key(pair, path, ['rule', 'path', 'reason']) as 'rule' | 'path' | 'reason';
      const value = this.resolve(pair.value as Node | null) ?? (pair as unknown as Node);
      if (key === 'rule') {
        const id = this.nonEmptyString(value, `${path}.rule`, 'a rule id').value;
        if (!this.source.ruleIds.includes(id)) this.fail(value, `${path}.rule: unknown rule id ${quote(id)} (known: ${this.source.ruleIds.join(', ')})`);
        entry.rule = id;
      } else {
        entry[key] = this.nonEmptyString(value, `${path}.${key}`, key === 'path' ? 'a path glob' : 'a reason').value;
      }
    }
    if (entry.rule === undefined) this.fail(node, `${path}: missing key "rule" (an ignore entry needs rule, and may have path and reason)`);
    return entry as IgnoreEntry;
  }
}

/** `charts/app/Chart.yaml#appVersion` → [file, key path]; a plain file means "its whole content". */
export function splitVersionFrom(text: string): [file: string, keyPath: string | undefined] {
  const hash = text.indexOf('#');
  return hash < 0 ? [text.trim(), undefined] : [text.slice(0, hash).trim(), text.slice(hash + 1).trim()];
}

function rangeStart(node: Node | Pair | null | undefined): number | undefined {
  if (!node) return undefined;
  if ('range' in node && node.range) return node.range[0];
  if ('key' in node) return rangeStart(node.key as Node) ?? rangeStart(node.value as Node);
  return undefined;
}

function describe(node: Node | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'string') return `${quote(value)}`;
    if (typeof value === 'number' || typeof value === 'bigint') return `a number (${String(value)})`;
    if (typeof value === 'boolean') return `a boolean (${value})`;
    return 'a value';
  }
  return 'a value';
}
