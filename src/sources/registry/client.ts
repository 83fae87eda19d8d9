import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseImageRef } from '../../model/image-ref.js';
import type { ArtifactManifest, Lookup, ReferrerDescriptor, TagFacts } from '../../model/registry.js';
import { RegistryFault } from './fault.js';
import { IMAGE_CONFIG_TYPES, MANIFEST_ACCEPT, nextPageLink, parseArtifactManifest, parseImageConfig, parseManifest, parsePredicateType, parseReferrers, parseTagList } from './manifest.js';
import { RegistryHttp } from './registry-http.js';
import type { RegistrySource } from './source.js';
import { TransportError, type HttpResponse } from './transport.js';

export interface RegistryClientOptions {
  concurrency: number;
  timeoutMs: number;
  /** hosts (with port) to talk plain HTTP or unverified TLS to */
  insecureHosts: string[];
  env: NodeJS.ProcessEnv;
  /** `--verbose` progress lines; never given a credential */
  log?: (line: string) => void;
  /** tags asked per page of the tag list (default 1000) */
  tagPageSize?: number;
  /** manifests and configs larger than this are refused, not buffered (default 4 MiB) */
  maxManifestBytes?: number;
  /** attempts per request including the first (default 3) */
  attempts?: number;
  /** first retry backoff step in ms (default 250) */
  backoffMs?: number;
  /** cap on any retry wait, Retry-After included (default 10 s) */
  maxRetryDelayMs?: number;
}

const DEFAULT_MANIFEST_CAP = 4 << 20;
const TAG_LIST_CAP = 16 << 20;
const MAX_TAG_PAGES = 1000;

/**
 * The live OCI distribution client. Every question is asked at most once per run (answers and in-flight
 * requests are shared), so the registry sees each manifest and tag list once. It never throws: faults become
 * `{ status: 'unreachable', host, reason }`.
 */
export function createRegistryClient(options: RegistryClientOptions): RegistrySource {
  const http = new RegistryHttp({ ...options, extraCaPem: readExtraCa(options.env, options.log) });
  const answers = new Map<string, Promise<Lookup<unknown>>>();
  const pageSize = options.tagPageSize ?? 1000;
  const manifestCap = options.maxManifestBytes ?? DEFAULT_MANIFEST_CAP;

  const once = <T>(key: string, repository: string, ask: (host: string, path: string) => Promise<Lookup<T>>): Promise<Lookup<T>> => {
    let answer = answers.get(key) as Promise<Lookup<T>> | undefined;
    if (!answer) {
      answer = guarded(repository, ask);
      answers.set(key, answer);
    }
    return answer;
  };

  const listTags = (repository: string) =>
    once<string[]>(`tags ${repository}`, repository, async (host, path) => {
      const tags: string[] = [];
      let next: string | null = `/v2/${path}/tags/list?n=${pageSize}`;
      for (let page = 0; next; page++) {
        if (page >= MAX_TAG_PAGES) throw new RegistryFault(`tag list of ${repository} has more than ${MAX_TAG_PAGES} pages`);
        let response = await http.get(host, path, next, 'application/json', TAG_LIST_CAP);
        if (response.status === 400 && page === 0) {
          // some registries refuse a page size above their own limit (PAGINATION_NUMBER_INVALID): use theirs
          response = await http.get(host, path, `/v2/${path}/tags/list`, 'application/json', TAG_LIST_CAP);
        }
        if (response.status === 404) return { status: 'not-found' };
        expectOk(response);
        tags.push(...parseTagList(response.body));
        next = samePathAndQuery(nextPageLink(response.headers.link));
      }
      return { status: 'found', value: tags };
    });

  const configPlatforms = (host: string, path: string, digest: string) =>
    once<TagFacts['platforms']>(`config ${host}/${path}@${digest}`, `${host}/${path}`, async () => {
      const response = await http.get(host, path, `/v2/${path}/blobs/${digest}`, '*/*', manifestCap);
      expectOk(response);
      const platform = parseImageConfig(response.body);
      return { status: 'found', value: platform ? [platform] : [] };
    });

  const getTag = (repository: string, tag: string) =>
    once<TagFacts>(`tag ${repository}:${tag}`, repository, async (host, path) => {
      const response = await http.get(host, path, `/v2/${path}/manifests/${encodeURIComponent(tag)}`, MANIFEST_ACCEPT, manifestCap);
      if (response.status === 404) return { status: 'not-found' };
      expectOk(response);
      const digest = verifiedDigest(response);
      const manifest = parseManifest(response.body, headerValue(response.headers['content-type']));
      if (manifest.kind === 'index') {
        const manifests = manifest.manifests.length ? { manifests: manifest.manifests } : {};
        const entries = manifest.entries.length ? { entries: manifest.entries } : {};
        return { status: 'found', value: { digest, mediaType: manifest.mediaType, isIndex: true, platforms: manifest.platforms, ...manifests, ...entries } };
      }
      let platforms: TagFacts['platforms'] = [];
      if (manifest.config && IMAGE_CONFIG_TYPES.has(manifest.config.mediaType)) {
        const config = await configPlatforms(host, path, manifest.config.digest);
        if (config.status === 'unreachable') return config;
        if (config.status === 'not-found') throw new RegistryFault(`config blob ${manifest.config.digest} of ${repository}:${tag} is missing`);
        platforms = config.value;
      }
      return { status: 'found', value: { digest, mediaType: manifest.mediaType, isIndex: false, platforms } };
    });

  const getReferrers = (repository: string, digest: string) =>
    once<ReferrerDescriptor[]>(`referrers ${repository}@${digest}`, repository, async (host, path) => {
      const descriptors: ReferrerDescriptor[] = [];
      let next: string | null = `/v2/${path}/referrers/${digest}`;
      for (let page = 0; next && page < MAX_REFERRER_PAGES; page++) {
        const response = await http.get(host, path, next, MANIFEST_TYPES_INDEX, manifestCap);
        // a registry without the OCI 1.1 API answers 404 (distribution 2.8, GHCR) or refuses the route
        if (NO_REFERRERS_API.has(response.status)) return { status: 'not-found' };
        expectOk(response);
        const page_ = parseReferrers(response.body);
        if (!page_) return { status: 'not-found' };
        descriptors.push(...page_);
        next = samePathAndQuery(nextPageLink(response.headers.link));
      }
      return { status: 'found', value: descriptors };
    });

  const getManifest = (repository: string, reference: string) =>
    once<ArtifactManifest>(`manifest ${repository}@${reference}`, repository, async (host, path) => {
      // a digest is sent as `sha256:…`, as every client does; a tag is escaped
      const encoded = encodeURIComponent(reference).replace(/%3A/g, ':');
      const response = await http.get(host, path, `/v2/${path}/manifests/${encoded}`, MANIFEST_ACCEPT, manifestCap);
      if (response.status === 404) return { status: 'not-found' };
      expectOk(response);
      const digest = verifiedDigest(response);
      if (reference.includes(':') && reference !== digest) throw new RegistryFault(`manifest ${reference} of ${repository} answered with digest ${digest}`);
      return { status: 'found', value: parseArtifactManifest(response.body, headerValue(response.headers['content-type'])) };
    });

  const getPredicateType = (repository: string, layerDigest: string) =>
    once<string | null>(`predicate ${repository}@${layerDigest}`, repository, async (host, path) => {
      let response: HttpResponse;
      try {
        response = await http.get(host, path, `/v2/${path}/blobs/${layerDigest}`, '*/*', ATTESTATION_CAP);
      } catch (error) {
        // an SBOM larger than the cap is still an attestation, of a type tagcheck cannot name
        if (error instanceof RegistryFault && error.cause instanceof TransportError && error.cause.failure === 'too-large') return { status: 'found', value: null };
        throw error;
      }
      if (response.status === 404) return { status: 'not-found' };
      expectOk(response);
      return { status: 'found', value: parsePredicateType(response.body) };
    });

  return { listTags, getTag, getReferrers, getManifest, getPredicateType };
}

/** attestation layers are read only for a predicate type no annotation gave; SBOM envelopes can be large */
const ATTESTATION_CAP = 32 << 20;

const MANIFEST_TYPES_INDEX = 'application/vnd.oci.image.index.v1+json';
/** statuses by which registries say they have no referrers API */
const NO_REFERRERS_API = new Set([400, 404, 405, 501]);
const MAX_REFERRER_PAGES = 20;

/** Runs one question; any fault (or bug) becomes an unreachable answer naming the host. */
async function guarded<T>(repository: string, ask: (host: string, path: string) => Promise<Lookup<T>>): Promise<Lookup<T>> {
  const parsed = parseImageRef(repository);
  if (!parsed.ok || parsed.ref.tag !== undefined || parsed.ref.digest) {
    return { status: 'unreachable', host: '', reason: `invalid repository name "${repository}"` };
  }
  const { registry: host, path } = parsed.ref;
  try {
    return await ask(host, path);
  } catch (error) {
    const reason = error instanceof RegistryFault ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
    return { status: 'unreachable', host, reason };
  }
}

function expectOk(response: HttpResponse): void {
  if (response.status === 200) return;
  const code = errorCode(response.body);
  const retried = response.retriesExhausted ? ` after ${response.retriesExhausted} attempts` : '';
  throw new RegistryFault(`HTTP ${response.status}${code ? ` ${code}` : ''} for ${response.url.pathname}${retried}`);
}

/** The distribution API's `{ errors: [{ code }] }`, when the body has one. */
function errorCode(body: Buffer): string {
  try {
    const code = JSON.parse(body.toString('utf8'))?.errors?.[0]?.code;
    return typeof code === 'string' ? code.slice(0, 64) : '';
  } catch {
    return '';
  }
}

/** Pagination links stay on the registry's own origin: only their path and query are used. */
function samePathAndQuery(link: string | null): string | null {
  if (!link) return null;
  const url = new URL(link, 'http://same-origin.invalid');
  return `${url.pathname}${url.search}`;
}

/** The tag's digest, checked against the bytes received: a truncated or altered body does not pass. */
function verifiedDigest(response: HttpResponse): string {
  const computed = `sha256:${createHash('sha256').update(response.body).digest('hex')}`;
  const announced = headerValue(response.headers['docker-content-digest']);
  if (announced?.startsWith('sha256:') && announced !== computed) {
    throw new RegistryFault(`manifest digest mismatch: the registry announced ${announced} but the body hashes to ${computed}`);
  }
  return announced ?? computed;
}

const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Node reads NODE_EXTRA_CA_CERTS only at start-up; reading it from the run's env keeps in-process runs honest. */
function readExtraCa(env: NodeJS.ProcessEnv, log?: (line: string) => void): string | undefined {
  const file = env.NODE_EXTRA_CA_CERTS;
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    log?.(`NODE_EXTRA_CA_CERTS ${file} not readable: ${(error as Error).message}`);
    return undefined;
  }
}
