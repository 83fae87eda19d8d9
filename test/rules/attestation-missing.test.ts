import { describe, expect, it } from 'vitest';
import rule from '../../rules/attestation-missing.js';
import type { Requirements } from '../../src/model/config.js';
import { at, imageUse, release, testConfig, testModel } from '../support/model.js';
import { check, digest, summarize } from '../support/tag-facts.js';
import { attestationManifest, gatherWith, indexWithEntries, referrer, tagOf, type MemoryRegistry } from '../support/artifact-source.js';

const APP = 'ghcr.io/acme/app';
const SPDX = 'https://spdx.dev/Document';
const CYCLONEDX = 'https://cyclonedx.org/bom';
const SLSA02 = 'https://slsa.dev/provenance/v0.2';
const SLSA1 = 'https://slsa.dev/provenance/v1';
const plain = indexWithEntries('r', ['linux/amd64', 'linux/arm64']);
const buildkit = indexWithEntries('b', ['linux/amd64', 'linux/arm64'], true);
const both: Requirements = { attestations: { kinds: ['sbom', 'provenance'], platforms: false } };

function model(require: Requirements = both) {
  return testModel({
    release: release('v1.2.3'),
    config: testConfig({ require }),
    ownRepositories: [APP],
    imageUses: [imageUse(`${APP}:v1.2.3`, at('deploy/app.yaml', 7, 16), { own: true })],
  });
}

async function run(registry: MemoryRegistry, require?: Requirements) {
  const { model: gathered, asked } = await gatherWith(model(require), { [APP]: registry });
  return { findings: check(rule, gathered), asked };
}

const inToto = (type: string) => referrer('application/vnd.in-toto+json', { 'in-toto.io/predicate-type': type }, type);
const bundle = (type: string) => referrer('application/vnd.dev.sigstore.bundle.v0.3+json', { 'dev.sigstore.bundle.predicateType': type }, `b${type}`);
const buildkitManifests = (types: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(types).map(([platform, predicateTypes]) => [digest(`b/${platform}/att`), attestationManifest(predicateTypes)]));

describe('attestation-missing', () => {
  it.each([
    ['in-toto referrers (SPDX, SLSA v1)', { tags: { 'v1.2.3': plain }, referrers: { [plain.digest]: [inToto(SPDX), inToto(SLSA1)] } }],
    ['sigstore bundles (CycloneDX, SLSA v0.2)', { tags: { 'v1.2.3': plain }, referrers: { [plain.digest]: [bundle(CYCLONEDX), bundle(SLSA02)] } }],
    [
      "cosign's .att tag (predicateType on each layer) on a registry without the referrers API",
      {
        tags: { 'v1.2.3': plain },
        listedOnly: [`${tagOf(plain.digest)}.att`],
        referrers: null,
        manifests: { [`${tagOf(plain.digest)}.att`]: attestationManifest([SPDX, SLSA02], 'predicateType', 'application/vnd.dsse.envelope.v1+json') },
      },
    ],
    [
      'BuildKit attestation manifests for every platform',
      { tags: { 'v1.2.3': buildkit }, referrers: null, manifests: buildkitManifests({ 'linux/amd64': [SPDX, SLSA02], 'linux/arm64': [SPDX, SLSA02] }) },
    ],
    [
      'a buildx attestation referrer whose layers carry the predicate types',
      {
        tags: { 'v1.2.3': plain },
        referrers: { [plain.digest]: [referrer('application/vnd.docker.attestation.manifest.v1+json', {}, 'docker-att')] },
        manifests: { [digest('docker-att')]: attestationManifest([SPDX, SLSA1]) },
      },
    ],
    ['a legacy cosign .sbom tag plus a provenance referrer', { tags: { 'v1.2.3': plain }, listedOnly: [`${tagOf(plain.digest)}.sbom`], referrers: { [plain.digest]: [inToto(SLSA1)] } }],
  ] as const)('is silent with %s', async (_name, registry) => {
    expect((await run(registry as MemoryRegistry)).findings).toEqual([]);
  });

  it('reads the predicate type from the layer when no annotation names it (cosign before the annotation), once per layer', async () => {
    const unannotated = { ...attestationManifest([]), layers: [SPDX, SLSA1].map((_, i) => ({ mediaType: 'application/vnd.dsse.envelope.v1+json', annotations: {}, digest: digest(`layer${i}`) })) };
    const registry: MemoryRegistry = {
      tags: { 'v1.2.3': plain },
      listedOnly: [`${tagOf(plain.digest)}.att`],
      referrers: null,
      manifests: { [`${tagOf(plain.digest)}.att`]: unannotated },
      predicates: { [digest('layer0')]: SPDX, [digest('layer1')]: SLSA1 },
    };
    const { findings, asked } = await run(registry);
    expect(findings).toEqual([]);
    expect(asked.filter((q) => q.startsWith('predicate '))).toHaveLength(2);
    // a layer that names no predicate type is an attestation of unknown type: the finding says so
    const { findings: unknown } = await run({ ...registry, predicates: { [digest('layer0')]: null, [digest('layer1')]: SLSA1 } });
    expect(unknown.map((f) => f.message)).toEqual([expect.stringMatching(/has no SBOM .*; found: unknown predicate, https:\/\/slsa\.dev\/provenance\/v1\)$/)]);
  });

  it('reports each missing kind once per digest, with where it looked and what it found', async () => {
    const { findings } = await run({ tags: { 'v1.2.3': plain }, referrers: { [plain.digest]: [inToto(SLSA02)] } });
    expect(summarize(findings)).toEqual([{ ruleId: 'attestation-missing', at: 'deploy/app.yaml:7:16', image: APP, expected: 'sbom, provenance', actual: SLSA02 }]);
    const short = plain.digest.slice(7, 19);
    expect(findings[0].message).toBe(
      `${APP}:v1.2.3 index sha256:${short} has no SBOM (SPDX or CycloneDX) attestation (looked at: cosign tag sha256-${short}….sbom; ` +
        `the referrers API; cosign tag sha256-${short}….att; attestation manifests in the index (it has none); found: ${SLSA02})`,
    );
  });

  it('reports an index whose BuildKit attestations lack the SBOM on one platform, naming the platform', async () => {
    const { findings } = await run({ tags: { 'v1.2.3': buildkit }, referrers: null, manifests: buildkitManifests({ 'linux/amd64': [SPDX, SLSA02], 'linux/arm64': [SLSA02] }) });
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringMatching(new RegExp(`has no SBOM \\(SPDX or CycloneDX\\) attestation \\(looked at: .*; attestation manifests in the index \\(linux/arm64 lacks sbom\\); found: ${SLSA02}\\)$`)),
    ]);
  });

  it('with platforms: true, checks each platform manifest by its own BuildKit attestation manifest', async () => {
    const require: Requirements = { attestations: { kinds: ['provenance'], platforms: true } };
    const { findings } = await run({ tags: { 'v1.2.3': buildkit }, referrers: null, manifests: buildkitManifests({ 'linux/amd64': [SLSA1], 'linux/arm64': [SPDX] }) }, require);
    // the index lacks it because arm64 does, and arm64 itself is reported
    expect(findings.map((f) => f.message.split(' has ')[0])).toEqual([
      `${APP}:v1.2.3 index sha256:${buildkit.digest.slice(7, 19)}`,
      `${APP}:v1.2.3 linux/arm64 manifest sha256:${digest('b/linux/arm64').slice(7, 19)}`,
    ]);
  });

  it('accepts an exact predicate type URI as a kind, and does not let another type satisfy it', async () => {
    const vuln = 'https://cosign.sigstore.dev/attestation/vuln/v1';
    const require: Requirements = { attestations: { kinds: [vuln], platforms: false } };
    expect((await run({ tags: { 'v1.2.3': plain }, referrers: { [plain.digest]: [inToto(vuln)] } }, require)).findings).toEqual([]);
    const { findings } = await run({ tags: { 'v1.2.3': plain }, referrers: { [plain.digest]: [inToto(SPDX)] } }, require);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining(`has no ${vuln} attestation`)]);
  });

  it('does not take an SPDX predicate for provenance, nor a signature for an attestation', async () => {
    const { findings } = await run({ tags: { 'v1.2.3': plain }, referrers: { [plain.digest]: [inToto(SPDX), referrer('application/vnd.dev.cosign.artifact.sig.v1+json')] } });
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('has no provenance (SLSA) attestation')]);
  });

  it('stops asking once every kind is found: no .att or BuildKit manifest is read', async () => {
    const { asked } = await run({ tags: { 'v1.2.3': buildkit }, listedOnly: [`${tagOf(buildkit.digest)}.att`], referrers: { [buildkit.digest]: [inToto(SPDX), inToto(SLSA1)] } });
    expect(asked.sort()).toEqual([`list ${APP}`, `referrers ${APP}@${buildkit.digest}`, `tag ${APP}:v1.2.3`]);
  });
});
