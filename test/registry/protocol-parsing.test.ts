import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChallenge, parseTokenResponse, tokenRequest } from '../../src/sources/registry/auth.js';
import { redactUrl, RegistryFault } from '../../src/sources/registry/fault.js';
import { apiHost } from '../../src/sources/registry/registry-http.js';
import { nextPageLink, parseImageConfig, parseManifest, parseTagList } from '../../src/sources/registry/manifest.js';

describe('WWW-Authenticate challenges', () => {
  it('parses Docker Hub\'s Bearer challenge', () => {
    expect(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/nginx:pull' },
    });
  });
  it('parses Basic, unquoted values, spaces and escaped quotes', () => {
    expect(parseChallenge('Basic realm="Registry Realm"')).toEqual({ scheme: 'basic', params: { realm: 'Registry Realm' } });
    expect(parseChallenge('bearer realm=https://r.example/t , service="a \\"b\\""')).toEqual({ scheme: 'bearer', params: { realm: 'https://r.example/t', service: 'a "b"' } });
  });
  it('ignores schemes it cannot use and empty headers', () => {
    expect(parseChallenge('Negotiate abc')).toBeNull();
    expect(parseChallenge(undefined)).toBeNull();
    expect(parseChallenge('')).toBeNull();
  });
});

describe('token requests and answers', () => {
  const challenge = { scheme: 'bearer' as const, params: { realm: 'https://auth.example/token', service: 'reg' } };
  it('asks with the scope and service, Basic credentials when there are some', () => {
    const request = tokenRequest(challenge, 'repository:acme/app:pull', { kind: 'basic', username: 'u', password: 'p', source: 'f' });
    expect(request.method).toBe('GET');
    expect(request.url.toString()).toBe('https://auth.example/token?service=reg&scope=repository%3Aacme%2Fapp%3Apull');
    expect(request.headers).toEqual({ authorization: `Basic ${Buffer.from('u:p').toString('base64')}` });
    expect(tokenRequest(challenge, 'repository:a/b:pull', null).headers).toEqual({});
  });
  it('uses the OAuth2 refresh-token POST for an identity token', () => {
    const request = tokenRequest(challenge, 'repository:a/b:pull', { kind: 'identity-token', token: 'idt', source: 'f' });
    expect(request.method).toBe('POST');
    expect(new URLSearchParams(request.body)).toEqual(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'idt', client_id: 'tagcheck', scope: 'repository:a/b:pull', service: 'reg' }));
  });
  it('a challenge without a realm is a fault', () => {
    expect(() => tokenRequest({ scheme: 'bearer', params: {} }, 's', null)).toThrow(RegistryFault);
  });
  it('reads token or access_token; the lifetime defaults to 60 s and is refreshed early', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseTokenResponse(Buffer.from('{"access_token":"t1"}'), now)).toEqual({ token: 't1', expiresAt: now + 60_000 - 6_000 });
    expect(parseTokenResponse(Buffer.from('{"token":"t2","expires_in":300,"issued_at":"2025-12-31T23:59:00Z"}'), now)).toEqual({ token: 't2', expiresAt: now - 60_000 + 300_000 - 10_000 });
    expect(() => parseTokenResponse(Buffer.from('{}'), now)).toThrow('without a token');
    expect(() => parseTokenResponse(Buffer.from('<html>'), now)).toThrow('invalid JSON');
  });
});

describe('manifests', () => {
  const index = (manifests: unknown[], mediaType = 'application/vnd.oci.image.index.v1+json') => Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, manifests }));
  it('keeps runnable platforms and drops attestations (unknown/unknown and attestation-manifest)', () => {
    const parsed = parseManifest(
      index([
        { digest: 'sha256:1', platform: { os: 'linux', architecture: 'amd64' } },
        { digest: 'sha256:2', platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
        { digest: 'sha256:3', platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.5576' } },
        { digest: 'sha256:4', platform: { os: 'unknown', architecture: 'unknown' } },
        { digest: 'sha256:5', platform: { os: 'linux', architecture: 'amd64' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
        { digest: 'sha256:6' },
      ]),
      'application/vnd.oci.image.index.v1+json',
    );
    expect(parsed).toEqual({
      kind: 'index',
      mediaType: 'application/vnd.oci.image.index.v1+json',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm', variant: 'v7' },
        { os: 'windows', architecture: 'amd64', osVersion: '10.0.17763.5576' },
      ],
      // the runnable entries' digests, attestations excluded
      manifests: ['sha256:1', 'sha256:2', 'sha256:3'],
      // every entry with a digest, for require: (platform digests; attestation manifests and their subjects)
      entries: [
        { digest: 'sha256:1', platform: { os: 'linux', architecture: 'amd64' } },
        { digest: 'sha256:2', platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
        { digest: 'sha256:3', platform: { os: 'windows', architecture: 'amd64', osVersion: '10.0.17763.5576' } },
        { digest: 'sha256:4', platform: null },
        { digest: 'sha256:5', platform: null },
        { digest: 'sha256:6', platform: null },
      ],
    });
  });
  it('an index with no mediaType in the body takes the Content-Type; one with neither is recognised by its manifests list', () => {
    const body = Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [] }));
    expect(parseManifest(body, 'application/vnd.docker.distribution.manifest.list.v2+json; charset=utf-8')).toMatchObject({ kind: 'index', mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json' });
    expect(parseManifest(body, undefined)).toMatchObject({ kind: 'index', mediaType: 'application/vnd.oci.image.index.v1+json' });
  });
  it('an image manifest points at its config', () => {
    const body = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: 'sha256:c', size: 1 } }));
    expect(parseManifest(body, 'application/json')).toEqual({ kind: 'image', mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config: { digest: 'sha256:c', mediaType: 'application/vnd.docker.container.image.v1+json' } });
  });
  it('faults: not JSON, not an object, manifests not a list, nothing recognisable', () => {
    expect(() => parseManifest(Buffer.from('nope'), 'text/plain')).toThrow(/^invalid manifest: not JSON \(content type text\/plain, 4 bytes\)$/);
    expect(() => parseManifest(Buffer.from('[1]'), undefined)).toThrow('not a JSON object');
    expect(() => parseManifest(Buffer.from('{"mediaType":"application/vnd.oci.image.index.v1+json","manifests":{}}'), undefined)).toThrow('"manifests" is not a list');
    expect(() => parseManifest(Buffer.from('{"hello":1}'), 'application/json')).toThrow(/^unexpected manifest: content type application\/json/);
  });
  it('reads a config blob\'s platform', () => {
    expect(parseImageConfig(Buffer.from('{"os":"linux","architecture":"ARM64","variant":"v8"}'))).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    expect(parseImageConfig(Buffer.from('{"os":"linux"}'))).toBeNull();
  });
});

describe('Link pagination and URL redaction', () => {
  it('finds rel="next" among several links', () => {
    expect(nextPageLink('</v2/a/tags/list?n=2&last=b>; rel="next"')).toBe('/v2/a/tags/list?n=2&last=b');
    expect(nextPageLink('<https://x/prev>; rel="prev", <https://x/v2/a/tags/list?last=c>; rel=next')).toBe('https://x/v2/a/tags/list?last=c');
    expect(nextPageLink(undefined)).toBeNull();
    expect(nextPageLink('<https://x/prev>; rel="prev"')).toBeNull();
  });
  it('strips user info and secret-looking query values', () => {
    expect(redactUrl('https://user:pass@cdn.example/blob?X-Amz-Signature=abc&access_token=t&n=5')).toBe('https://cdn.example/blob?X-Amz-Signature=REDACTED&access_token=REDACTED&n=5');
  });
});

describe('hostile registry answers (property-based)', () => {
  const onlyFaults = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      // a registry's bytes may be rejected, but only as a RegistryFault with a one-line reason
      expect(error).toBeInstanceOf(RegistryFault);
      expect((error as Error).message).not.toContain('\n');
    }
  };
  const jsonish = fc.oneof(
    fc.json(),
    fc.string(),
    fc.record({ mediaType: fc.constantFrom('application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.v2+json', 'x'), manifests: fc.anything(), config: fc.anything() }).map((o) => JSON.stringify(o)),
    fc.array(fc.record({ platform: fc.anything(), annotations: fc.anything(), digest: fc.anything() })).map((m) => JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: m })),
  );
  it('manifests, configs, challenges, token answers and Link headers never crash the parser', () => {
    fc.assert(
      fc.property(jsonish, fc.option(fc.string()), (body, contentType) => {
        onlyFaults(() => parseManifest(Buffer.from(body), contentType ?? undefined));
        onlyFaults(() => parseImageConfig(Buffer.from(body)));
        onlyFaults(() => parseTokenResponse(Buffer.from(body), Date.now()));
        onlyFaults(() => parseChallenge(body));
        onlyFaults(() => nextPageLink(body));
        onlyFaults(() => parseTagList(Buffer.from(body)));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('Docker Hub', () => {
  it('docker.io is asked at registry-1.docker.io; other hosts as named', () => {
    expect(apiHost('docker.io')).toBe('registry-1.docker.io');
    expect(apiHost('ghcr.io')).toBe('ghcr.io');
    expect(apiHost('localhost:5000')).toBe('localhost:5000');
  });
});
