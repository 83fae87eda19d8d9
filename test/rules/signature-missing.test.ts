import { describe, expect, it } from 'vitest';
import rule from '../../rules/signature-missing.js';
import type { Requirements } from '../../src/model/config.js';
import { at, imageUse, release, testConfig, testModel } from '../support/model.js';
import { check, digest, summarize } from '../support/tag-facts.js';
import { gatherWith, indexWithEntries, referrer, tagOf, type MemoryRegistry } from '../support/artifact-source.js';

const APP = 'ghcr.io/acme/app';
const COSIGN_SIG = 'application/vnd.dev.cosign.artifact.sig.v1+json';
const index = indexWithEntries('r', ['linux/amd64', 'linux/arm64']);
const amd64 = digest('r/linux/amd64');
const arm64 = digest('r/linux/arm64');

function model(require: Requirements = { signatures: { platforms: false } }) {
  return testModel({
    release: release('v1.2.3'),
    config: testConfig({ require }),
    ownRepositories: [APP],
    imageUses: [imageUse(`${APP}:v1.2.3`, at('deploy/app.yaml', 7, 16), { own: true })],
  });
}

async function findings(registry: Omit<MemoryRegistry, 'tags'> & { tags?: MemoryRegistry['tags'] }, require?: Requirements) {
  const { model: gathered, asked } = await gatherWith(model(require), { [APP]: { tags: { 'v1.2.3': index, ...registry.tags }, ...registry } });
  return { findings: check(rule, gathered), asked };
}

describe('signature-missing', () => {
  it.each([
    ['cosign tag sha256-<hex>.sig in the tag list', { listedOnly: [`${tagOf(index.digest)}.sig`] }],
    ['a cosign OCI 1.1 referrer', { referrers: { [index.digest]: [referrer(COSIGN_SIG)] } }],
    ['a notation referrer', { referrers: { [index.digest]: [referrer('application/vnd.cncf.notary.signature')] } }],
    [
      'a cosign v3 sigstore bundle of a signature',
      { referrers: { [index.digest]: [referrer('application/vnd.dev.sigstore.bundle.v0.3+json', { 'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1' })] } },
    ],
    [
      'a signature in the referrers tag schema index (registry without the API)',
      {
        referrers: null,
        listedOnly: [tagOf(index.digest)],
        manifests: { [tagOf(index.digest)]: { mediaType: 'application/vnd.oci.image.index.v1+json', annotations: {}, layers: [], manifests: [referrer(COSIGN_SIG)] } },
      },
    ],
    [
      'a notation signature in the referrers tag schema although the registry serves the API (notation writes the tag by default)',
      {
        referrers: {},
        listedOnly: [tagOf(index.digest)],
        manifests: { [tagOf(index.digest)]: { mediaType: 'application/vnd.oci.image.index.v1+json', annotations: {}, layers: [], manifests: [referrer('application/vnd.cncf.notary.signature')] } },
      },
    ],
  ] as const)('is silent when the index has %s', async (_name, registry) => {
    expect((await findings(registry as unknown as MemoryRegistry)).findings).toEqual([]);
  });

  it('reports an unsigned release index, naming the digest and every place it looked', async () => {
    const { findings: found } = await findings({ referrers: null });
    expect(summarize(found)).toEqual([{ ruleId: 'signature-missing', at: 'deploy/app.yaml:7:16', image: APP, expected: 'a signature', actual: `none for ${index.digest}` }]);
    const short = index.digest.slice(7, 19);
    expect(found[0].message).toBe(
      `${APP}:v1.2.3 index sha256:${short} has no signature (looked at: cosign tag sha256-${short}….sig; ` +
        `the referrers API (not served by the registry), referrers tag sha256-${short}…)`,
    );
  });

  it('does not count a sigstore bundle of an attestation, or an SBOM referrer, as a signature', async () => {
    const { findings: found } = await findings({
      referrers: {
        [index.digest]: [
          referrer('application/vnd.dev.sigstore.bundle.v0.3+json', { 'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1' }),
          referrer('application/spdx+json'),
        ],
      },
    });
    expect(found.map((f) => f.message)).toEqual([expect.stringContaining('has no signature (looked at: cosign tag sha256-')]);
    expect(found[0].message).toContain('; the referrers API)');
  });

  it('with platforms: true, reports each platform manifest that is unsigned while the index is signed', async () => {
    const { findings: found } = await findings(
      { listedOnly: [`${tagOf(index.digest)}.sig`, `${tagOf(amd64)}.sig`], referrers: {} },
      { signatures: { platforms: true } },
    );
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(new RegExp(`^${APP}:v1.2.3 linux/arm64 manifest sha256:${arm64.slice(7, 19)} has no signature`))]);
  });

  it('asks nothing beyond the tag list and the release manifest when the .sig tag answers', async () => {
    const { asked } = await findings({ listedOnly: [`${tagOf(index.digest)}.sig`] });
    expect(asked.sort()).toEqual([`list ${APP}`, `tag ${APP}:v1.2.3`]);
  });

  it('stays silent when the registry could not be asked (registry-unreachable reports it)', async () => {
    const gathered = model();
    gathered.registry = {
      tagList: () => ({ status: 'found', value: ['v1.2.3'] }),
      tag: () => ({ status: 'found', value: index }),
      artifacts: (_repo, d) => ({ digest: d, signatures: [], attestations: [], looked: [{ where: 'the referrers API', for: 'both' }], fault: { status: 'unreachable', host: 'ghcr.io', reason: 'HTTP 500' } }),
    };
    expect(check(rule, gathered)).toEqual([]);
  });

  it('checks a single-arch release image by its own digest, and the tags the manifests deploy without a release', async () => {
    const single = { ...index, isIndex: false, mediaType: 'application/vnd.oci.image.manifest.v1+json', manifests: undefined };
    const unreleased = testModel({
      config: testConfig({ require: { signatures: { platforms: true } } }),
      ownRepositories: [APP],
      imageUses: [imageUse(`${APP}:v1.2.0`, at('deploy/app.yaml', 3, 10), { own: true })],
    });
    const { model: gathered } = await gatherWith(unreleased, { [APP]: { tags: { 'v1.2.0': single }, referrers: {} } });
    expect(check(rule, gathered).map((f) => f.message)).toEqual([expect.stringMatching(new RegExp(`^${APP}:v1.2.0 manifest sha256:`))]);
  });
});
