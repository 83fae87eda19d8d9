import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import {
  indexManifest,
  PREDICATES,
  sendJson,
  serveIndex,
  startMisbehavingServer,
  startReferrersServer,
  SUPPLY_CHAIN_TYPES,
  type MisbehavingServer,
  type ReferrersServer,
} from '../support/registry/index.js';
import { isolatedEnv, type JsonFinding } from './registry-project.js';

// The OCI 1.1 referrers API answer, which the real registry (distribution 2.8) cannot give: against the referrers
// server, a local registry that implements that endpoint.

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const EMPTY = { mediaType: 'application/vnd.oci.empty.v1+json', digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', size: 2 };

describe('signatures and attestations through the OCI 1.1 referrers API (referrers server)', () => {
  let server: ReferrersServer;
  let dir: string;
  const digests = {} as Record<'index' | 'amd64' | 'arm64' | 'dockerAttestation', string>;
  let bare: { index: string; amd64: string; arm64: string };

  /** a referrer manifest (artifactType, subject) as cosign, notation and buildx push them to an OCI 1.1 registry */
  const referrer = (repo: string, subject: string, artifactType: string, annotations?: Record<string, string>, layers?: object[]) =>
    server.put(
      repo,
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        artifactType,
        config: EMPTY,
        layers: layers ?? [{ ...EMPTY, mediaType: artifactType }],
        subject: { mediaType: OCI_INDEX, digest: subject, size: 1 },
        ...(annotations ? { annotations } : {}),
      }),
      OCI_MANIFEST,
    );

  const image = (repo: string, tag: string, seed: string) => {
    const platform = (architecture: string) =>
      server.put(repo, JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { ...EMPTY, mediaType: 'application/vnd.oci.image.config.v1+json' }, layers: [], seed, architecture }), OCI_MANIFEST);
    const amd64 = platform('amd64');
    const arm64 = platform('arm64');
    const index = server.put(
      repo,
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          { mediaType: OCI_MANIFEST, digest: amd64, size: 1, platform: { os: 'linux', architecture: 'amd64' } },
          { mediaType: OCI_MANIFEST, digest: arm64, size: 1, platform: { os: 'linux', architecture: 'arm64' } },
        ],
      }),
      OCI_INDEX,
      tag,
    );
    return { index, amd64, arm64 };
  };

  beforeAll(async () => {
    server = await startReferrersServer();
    dir = mkdtempSync(join(tmpdir(), 'tagcheck-referrers-'));
    Object.assign(digests, image('acme/app', 'v1.2.3', 'app'));
    referrer('acme/app', digests.index, SUPPLY_CHAIN_TYPES.cosignSignature);
    referrer('acme/app', digests.index, SUPPLY_CHAIN_TYPES.sigstoreBundle, { 'dev.sigstore.bundle.predicateType': PREDICATES.spdx });
    // buildx oci-artifact=true: the predicate type is on the attestation manifest's layers, not on the descriptor
    digests.dockerAttestation = referrer('acme/app', digests.index, 'application/vnd.docker.attestation.manifest.v1+json', undefined, [
      { mediaType: 'application/vnd.in-toto+json', digest: EMPTY.digest, size: 2, annotations: { 'in-toto.io/predicate-type': PREDICATES.slsa1 } },
    ]);
    referrer('acme/app', digests.amd64, SUPPLY_CHAIN_TYPES.notationSignature);
    // arm64: a cosign v3 bundle that is an attestation, not a signature
    referrer('acme/app', digests.arm64, SUPPLY_CHAIN_TYPES.sigstoreBundle, { 'dev.sigstore.bundle.predicateType': PREDICATES.slsa1 });
    bare = image('acme/bare', 'v1.2.3', 'bare');

    writeFileSync(
      join(dir, '.tagcheck.yaml'),
      `images:\n  - ${server.host}/acme/app\n  - ${server.host}/acme/bare\nlatest: optional\nrequire:\n  signatures: { platforms: true }\n  attestations: [sbom, provenance]\n`,
    );
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads cosign, notation, sigstore bundle and buildx referrers; reports what is missing; one referrers request per digest', async () => {
    const env = isolatedEnv();
    const common = [dir, '--tag', 'v1.2.3', '--insecure-registry', server.host];
    const before = server.seen.length;
    const live = await runCli([...common, '--format', 'json'], { env });
    const seen = server.seen.slice(before).map((r) => r.url);
    const findings = JSON.parse(live.stdout).findings as JsonFinding[];
    const hex = (digest: string) => digest.slice(7, 19);
    const looked = (digest: string) => `cosign tag sha256-${hex(digest)}….sig; the referrers API`;
    const app = `${server.host}/acme/app:v1.2.3`;
    const bareName = `${server.host}/acme/bare:v1.2.3`;
    expect(findings.map((f) => [f.ruleId, f.message]).sort()).toEqual(
      [
        [
          'attestation-missing',
          `${bareName} index sha256:${hex(bare.index)} has no SBOM (SPDX or CycloneDX) or provenance (SLSA) attestation (looked at: ` +
            `cosign tag sha256-${hex(bare.index)}….sbom; the referrers API; cosign tag sha256-${hex(bare.index)}….att; attestation manifests in the index (it has none))`,
        ],
        ['signature-missing', `${app} linux/arm64 manifest sha256:${hex(digests.arm64)} has no signature (looked at: ${looked(digests.arm64)})`],
        ['signature-missing', `${bareName} index sha256:${hex(bare.index)} has no signature (looked at: ${looked(bare.index)})`],
        ['signature-missing', `${bareName} linux/amd64 manifest sha256:${hex(bare.amd64)} has no signature (looked at: ${looked(bare.amd64)})`],
        ['signature-missing', `${bareName} linux/arm64 manifest sha256:${hex(bare.arm64)} has no signature (looked at: ${looked(bare.arm64)})`],
      ].sort(),
    );
    expect(live.code).toBe(1);

    // the plan: one referrers request per digest, the buildx attestation manifest read once, no tag fallback asked
    const referrers = seen.filter((url) => url.includes('/referrers/'));
    expect(referrers.sort()).toEqual(
      [
        ...[digests.index, digests.amd64, digests.arm64].map((d) => `/v2/acme/app/referrers/${d}`),
        ...[bare.index, bare.amd64, bare.arm64].map((d) => `/v2/acme/bare/referrers/${d}`),
      ].sort(),
    );
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((url) => url === `/v2/acme/app/manifests/${digests.dockerAttestation}`)).toHaveLength(1);
    expect(seen.filter((url) => /\/manifests\/sha256-/.test(url))).toEqual([]);

    const snapshotFile = join(dir, 'snapshot.json');
    const recorded = await runCli(['snapshot', ...common, '--output', snapshotFile, '--quiet'], { env });
    expect(recorded.code, recorded.stderr).toBe(0);
    const replayed = await runCli([dir, '--tag', 'v1.2.3', '--registry-snapshot', snapshotFile, '--format', 'json'], { env });
    expect(JSON.parse(replayed.stdout).findings).toEqual(findings);
  });
});

describe('a referrers API that fails (misbehaving server)', () => {
  let server: MisbehavingServer;
  let dir: string;
  const index = indexManifest(['linux/amd64', 'linux/arm64']);
  beforeAll(async () => {
    server = await startMisbehavingServer({
      routes: {
        '/v2/acme/app/tags/list': (_req, res) => sendJson(res, 200, { name: 'acme/app', tags: ['v1.2.3'] }, { 'docker-distribution-api-version': 'registry/2.0' }),
        '/v2/acme/app/manifests/v1.2.3': (_req, res) => serveIndex(res),
        [`/v2/acme/app/referrers/${index.digest}`]: (_req, res) => sendJson(res, 500, { errors: [{ code: 'UNKNOWN', message: 'boom' }] }),
      },
    });
    dir = mkdtempSync(join(tmpdir(), 'tagcheck-referrers-fault-'));
    writeFileSync(join(dir, '.tagcheck.yaml'), `images:\n  - ${server.host}/acme/app\nlatest: optional\nrequire:\n  signatures: true\n`);
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is a registry-unreachable finding naming the host and the status, not a missing signature and not a crash', async () => {
    const run = await runCli([dir, '--tag', 'v1.2.3', '--insecure-registry', server.host, '--format', 'json'], { env: isolatedEnv() });
    const findings = JSON.parse(run.stdout).findings as JsonFinding[];
    expect(findings.map((f) => f.ruleId)).toEqual(['registry-unreachable']);
    expect(findings[0].message).toMatch(new RegExp(`^registry ${server.host.replace(/[.]/g, '\\.')} could not be asked: HTTP 500 UNKNOWN for /v2/acme/app/referrers/sha256:[0-9a-f]{64} \\(not checked: ${server.host.replace(/[.]/g, '\\.')}/acme/app\\)$`));
    expect(run.code).toBe(1);
  });
});
