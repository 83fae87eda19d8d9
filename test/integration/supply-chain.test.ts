import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import {
  cosignAttest,
  cosignSign,
  describeWithRegistry,
  PREDICATES,
  pushImage,
  pushReferrersTagSchema,
  startRegistry,
  SUPPLY_CHAIN_TYPES,
  type PushedImage,
  type TestRegistry,
} from '../support/registry/index.js';
import { checkLive, expectSnapshotReplays, isolatedEnv, type JsonFinding } from './registry-project.js';

// `require:` (issue 14) against the real registry: distribution 2.8 has no referrers API, so what it serves is the
// tag fallbacks (cosign's sha256-<hex>.sig/.att, the referrers tag schema) and BuildKit attestation manifests.

const REPOS = ['signed', 'unsigned', 'halfsigned', 'buildkit', 'buildkit-nosbom', 'schema', 'oldcosign'] as const;
type Repo = (typeof REPOS)[number];

const short = (digest: string) => `sha256:${digest.slice(7, 19)}`;

describeWithRegistry('signatures and attestations against a real registry', () => {
  let registry: TestRegistry;
  let dir: string;
  const images = {} as Record<Repo, PushedImage>;
  const subject = (image: PushedImage) => ({ digest: image.digest, mediaType: image.mediaType, size: image.size });
  const signAll = async (repo: string, image: PushedImage) => {
    for (const digest of [image.digest, ...image.manifests.map((m) => m.digest)]) await cosignSign(registry, repo, digest);
  };

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none' });
    dir = mkdtempSync(join(tmpdir(), 'tagcheck-supply-chain-'));
    const push = async (repo: Repo, attestations?: boolean | string[]) =>
      (images[repo] = await pushImage(registry, `acme/${repo}`, 'v1.2.3', { platforms: ['linux/amd64', 'linux/arm64'], ...(attestations ? { attestations } : {}) }));

    // signed and attested the cosign way: a .sig per digest (cosign sign --recursive), SBOM and provenance in .att
    await signAll('acme/signed', await push('signed'));
    await cosignAttest(registry, 'acme/signed', images.signed.digest, [PREDICATES.spdx, PREDICATES.slsa1]);
    await push('unsigned');
    // the index signed, its platform manifests not (cosign sign without --recursive)
    await cosignSign(registry, 'acme/halfsigned', (await push('halfsigned')).digest);
    await cosignAttest(registry, 'acme/halfsigned', images.halfsigned.digest, [PREDICATES.cyclonedx, PREDICATES.slsa02]);
    // docker buildx --sbom=true --provenance=true: attestation manifests inside the index, per platform
    await signAll('acme/buildkit', await push('buildkit', [PREDICATES.spdx, PREDICATES.slsa02]));
    // buildx's default: provenance only
    await signAll('acme/buildkit-nosbom', await push('buildkit-nosbom', true));
    // an older cosign: .att layers without the predicateType annotation (read from the DSSE envelopes instead)
    await signAll('acme/oldcosign', await push('oldcosign'));
    await cosignAttest(registry, 'acme/oldcosign', images.oldcosign.digest, [PREDICATES.spdx, PREDICATES.slsa1], { annotate: false });
    // OCI 1.1 clients on a registry without the referrers API: the referrers tag schema's sha256-<hex> index
    await push('schema');
    await pushReferrersTagSchema(registry, 'acme/schema', subject(images.schema), [
      { artifactType: SUPPLY_CHAIN_TYPES.cosignSignature },
      { artifactType: SUPPLY_CHAIN_TYPES.sigstoreBundle, annotations: { 'dev.sigstore.bundle.predicateType': PREDICATES.spdx } },
      { artifactType: 'application/vnd.in-toto+json', annotations: { 'in-toto.io/predicate-type': PREDICATES.slsa1 } },
    ]);
    for (const manifest of images.schema.manifests) {
      await pushReferrersTagSchema(registry, 'acme/schema', { digest: manifest.digest, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 1 }, [
        { artifactType: SUPPLY_CHAIN_TYPES.notationSignature },
      ]);
    }

    writeFileSync(
      join(dir, '.tagcheck.yaml'),
      [
        'images:',
        ...REPOS.map((repo) => `  - ${registry.host}/acme/${repo}`),
        'latest: optional',
        'require:',
        '  signatures: { platforms: true }',
        '  attestations: [sbom, provenance]',
        '',
      ].join('\n'),
    );
  }, 120_000);
  afterAll(async () => {
    await registry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds exactly the unsigned and unattested digests, with the same findings from a snapshot', async () => {
    const run = await checkLive(registry, dir);
    const { live, log, findings } = run;
    const host = registry.host;
    const name = (repo: Repo, what: string, digest: string) => `${host}/acme/${repo}:v1.2.3 ${what} ${short(digest)}`;
    const platform = (repo: Repo, i: number) => name(repo, `${images[repo].manifests[i].platform} manifest`, images[repo].manifests[i].digest);
    expect(findings.map((f) => [f.ruleId, f.message.split(' has ')[0]]).sort()).toEqual(
      [
        ['signature-missing', name('unsigned', 'index', images.unsigned.digest)],
        ['signature-missing', platform('unsigned', 0)],
        ['signature-missing', platform('unsigned', 1)],
        ['attestation-missing', name('unsigned', 'index', images.unsigned.digest)],
        ['signature-missing', platform('halfsigned', 0)],
        ['signature-missing', platform('halfsigned', 1)],
        ['attestation-missing', name('buildkit-nosbom', 'index', images['buildkit-nosbom'].digest)],
      ].sort(),
    );
    expect(live.code).toBe(1);

    // messages say where tagcheck looked; the BuildKit one which platforms lack the SBOM
    const unsignedIndex = findings.find((f) => f.ruleId === 'signature-missing' && f.message.includes(' index '))!;
    const hex = images.unsigned.digest.slice(7, 19);
    expect(unsignedIndex.message).toBe(
      `${name('unsigned', 'index', images.unsigned.digest)} has no signature (looked at: cosign tag sha256-${hex}….sig; ` +
        `the referrers API (not served by the registry), referrers tag sha256-${hex}…)`,
    );
    expect(findings.find((f) => f.ruleId === 'attestation-missing' && f.message.includes('nosbom'))!.message).toMatch(
      /has no SBOM \(SPDX or CycloneDX\) attestation \(looked at: .*; attestation manifests in the index \(linux\/amd64 lacks sbom; linux\/arm64 lacks sbom\); found: https:\/\/slsa\.dev\/provenance\/v0\.2\)$/,
    );
    expect(findings.find((f) => f.ruleId === 'attestation-missing' && f.message.includes('/unsigned:'))!.message).toContain('has no SBOM (SPDX or CycloneDX) or provenance (SLSA) attestation');

    // the request plan: one referrers probe per digest that the tag list did not settle, nothing asked twice
    const requests = log.filter((e) => !e.path.includes('/blobs/')).map((e) => `${e.method} ${e.path}`);
    expect(new Set(requests).size).toBe(requests.length);
    const referrers = log.filter((e) => e.path.includes('/referrers/')).map((e) => e.path);
    const probe = (repo: Repo, digest: string) => `/v2/acme/${repo}/referrers/${digest}`;
    const platformProbes = (repo: Repo) => images[repo].manifests.map((m) => probe(repo, m.digest));
    expect(referrers.sort()).toEqual(
      [
        // signed: the .sig tags answer every signature question, the index's attestations need the probe
        probe('signed', images.signed.digest),
        probe('unsigned', images.unsigned.digest),
        ...platformProbes('unsigned'),
        probe('halfsigned', images.halfsigned.digest),
        ...platformProbes('halfsigned'),
        probe('buildkit', images.buildkit.digest),
        probe('buildkit-nosbom', images['buildkit-nosbom'].digest),
        probe('schema', images.schema.digest),
        probe('oldcosign', images.oldcosign.digest),
        ...platformProbes('schema'),
      ].sort(),
    );
    // cosign's .att is read where it exists and is needed; the BuildKit attestation manifests by digest
    expect(requests).toContain(`GET /v2/acme/signed/manifests/${images.signed.digest.replace(':', '-')}.att`);
    for (const digest of images.buildkit.attestationDigests) expect(requests).toContain(`GET /v2/acme/buildkit/manifests/${digest}`);
    // the unannotated .att layers are read (two DSSE envelopes), nothing else of oldcosign's blobs
    expect(log.filter((e) => e.path.startsWith('/v2/acme/oldcosign/blobs/'))).toHaveLength(2);

    const snapshotFile = await expectSnapshotReplays(dir, run);
    // the snapshot records the answers: index entries, the .att manifest, the BuildKit attestation manifests
    const repositories = JSON.parse(readFileSync(snapshotFile, 'utf8')).repositories;
    const signed = repositories[`${registry.host}/acme/signed`];
    expect(signed.tags['v1.2.3'].entries.map((m: { digest: string }) => m.digest)).toEqual(images.signed.manifests.map((m) => m.digest));
    expect(signed.tagList).toContain(`${images.signed.digest.replace(':', '-')}.sig`);
    expect(Object.keys(signed.artifacts)).toEqual([`${images.signed.digest.replace(':', '-')}.att`]);
    expect(Object.keys(repositories[`${registry.host}/acme/buildkit`].artifacts).sort()).toEqual([...images.buildkit.attestationDigests].sort());
  });

  it('asks nothing about signatures when require: is absent, and --rule signature-missing=error turns the index check on', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'tagcheck-supply-chain-plain-'));
    try {
      writeFileSync(join(plain, '.tagcheck.yaml'), `images:\n  - ${registry.host}/acme/unsigned\n  - ${registry.host}/acme/halfsigned\nlatest: optional\n`);
      const common = [plain, '--tag', 'v1.2.3', '--insecure-registry', registry.host, '--format', 'json'];
      const cursor = await registry.logCursor();
      const off = await runCli(common, { env: isolatedEnv() });
      expect(JSON.parse(off.stdout).findings).toEqual([]);
      expect(JSON.parse(off.stdout).summary.rulesSkipped).toEqual(expect.arrayContaining(['attestation-missing', 'signature-missing']));
      // no release manifest and no referrers probe: just the two tag lists
      expect((await registry.accessLog(cursor)).map((e) => e.path).sort()).toEqual(['/v2/acme/halfsigned/tags/list', '/v2/acme/unsigned/tags/list']);

      const on = await runCli([...common, '--rule', 'signature-missing=error'], { env: isolatedEnv() });
      const findings = JSON.parse(on.stdout).findings as JsonFinding[];
      // the default requirement is the release digest only: halfsigned's unsigned platforms are not asked about
      expect(findings.map((f) => f.message.split(' has ')[0])).toEqual([`${registry.host}/acme/unsigned:v1.2.3 index ${short(images.unsigned.digest)}`]);
      expect(on.code).toBe(1);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});

describeWithRegistry('signatures and attestations behind token authentication', () => {
  let registry: TestRegistry;
  let dir: string;
  afterAll(async () => {
    await registry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('asks the referrers probe and the BuildKit attestation manifests with the pull token: clean, one token, no secret printed', async () => {
    registry = await startRegistry({ auth: 'token' });
    dir = mkdtempSync(join(tmpdir(), 'tagcheck-supply-chain-token-'));
    const image = await pushImage(registry, 'acme/app', 'v1.2.3', { attestations: [PREDICATES.spdx, PREDICATES.slsa02] });
    await cosignSign(registry, 'acme/app', image.digest);
    writeFileSync(join(dir, '.tagcheck.yaml'), `images:\n  - ${registry.host}/acme/app\nlatest: optional\nrequire:\n  signatures: true\n  attestations: [sbom, provenance]\n`);
    const env = isolatedEnv();
    env.DOCKER_CONFIG = env.HOME;
    const { username, password } = registry.credentials!;
    writeFileSync(join(env.HOME!, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from(`${username}:${password}`).toString('base64') } } }));
    registry.tokenIssuer!.resetHits();
    const run = await runCli([dir, '--tag', 'v1.2.3', '--insecure-registry', registry.host, '--format', 'json', '--verbose'], { env });
    expect(JSON.parse(run.stdout).findings).toEqual([]);
    expect(run.code).toBe(0);
    expect(registry.tokenIssuer!.hits('repository:acme/app:pull')).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(password);
  });
});
