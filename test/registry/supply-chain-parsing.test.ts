import { describe, expect, it } from 'vitest';
import { classifyReferrer, digestTag, kindOfPredicate } from '../../src/model/supply-chain.js';
import { parseArtifactManifest, parsePredicateType, parseReferrers } from '../../src/sources/registry/manifest.js';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('reading signature and attestation answers', () => {
  it('takes a referrers API answer only when it is an index of descriptors; anything else means "no API"', () => {
    expect(parseReferrers(json({ schemaVersion: 2, manifests: [{ digest: 'sha256:1', mediaType: 'm', artifactType: 'a', annotations: { k: 'v', n: 1 } }, { mediaType: 'no digest' }] }))).toEqual([
      { digest: 'sha256:1', mediaType: 'm', artifactType: 'a', annotations: { k: 'v' } },
    ]);
    expect(parseReferrers(Buffer.from('<html>not found</html>'))).toBeNull();
    expect(parseReferrers(json({}))).toBeNull();
  });

  it("reads an artifact manifest's type from artifactType, else from its config's media type (OCI 1.1)", () => {
    const layers = [{ mediaType: 'application/vnd.dsse.envelope.v1+json', digest: 'sha256:l', annotations: { predicateType: 'https://slsa.dev/provenance/v1' } }];
    expect(parseArtifactManifest(json({ mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json' }, layers }), undefined)).toEqual({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.oci.image.config.v1+json',
      annotations: {},
      layers: [{ mediaType: 'application/vnd.dsse.envelope.v1+json', digest: 'sha256:l', annotations: { predicateType: 'https://slsa.dev/provenance/v1' } }],
      manifests: [],
    });
    expect(parseArtifactManifest(json({ artifactType: 'x/y', config: { mediaType: 'c' } }), 'application/vnd.oci.image.manifest.v1+json').artifactType).toBe('x/y');
    expect(() => parseArtifactManifest(Buffer.from('nope'), undefined)).toThrow(/not JSON/);
  });

  it('reads the predicate type from a DSSE envelope or a bare in-toto statement, and null from anything else', () => {
    const statement = { _type: 'https://in-toto.io/Statement/v1', predicateType: 'https://spdx.dev/Document' };
    expect(parsePredicateType(json({ payloadType: 'application/vnd.in-toto+json', payload: Buffer.from(JSON.stringify(statement)).toString('base64') }))).toBe('https://spdx.dev/Document');
    expect(parsePredicateType(json(statement))).toBe('https://spdx.dev/Document');
    expect(parsePredicateType(json({ payload: 'not base64 json' }))).toBeNull();
    expect(parsePredicateType(Buffer.from([0xff, 0xfe]))).toBeNull();
  });

  it.each([
    ['application/vnd.dev.cosign.artifact.sig.v1+json', {}, 'signature'],
    ['application/vnd.cncf.notary.signature', {}, 'signature'],
    ['application/vnd.dev.sigstore.bundle.v0.3+json', { 'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1' }, 'signature'],
    ['application/vnd.dev.sigstore.bundle.v0.3+json', { 'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1' }, 'attestation'],
    ['application/vnd.in-toto+json', { 'in-toto.io/predicate-type': 'https://cyclonedx.org/bom' }, 'attestation'],
    ['application/vnd.in-toto+json', {}, 'read-manifest'],
    ['application/vnd.docker.attestation.manifest.v1+json', {}, 'read-manifest'],
    ['application/spdx+json', {}, 'attestation'],
    ['application/vnd.example.thing', {}, 'other'],
  ])('classifies a %s referrer %j as %s', (artifactType, annotations, kind) => {
    expect(classifyReferrer({ digest: 'sha256:1', mediaType: 'm', artifactType, annotations }).kind).toBe(kind);
  });

  it('names SBOM and provenance predicate types of every version, and derives digest tags', () => {
    expect(['https://spdx.dev/Document', 'https://spdx.dev/Document/v2.3', 'https://cyclonedx.org/bom/v1.5'].map(kindOfPredicate)).toEqual(['sbom', 'sbom', 'sbom']);
    expect(['https://slsa.dev/provenance/v0.2', 'https://slsa.dev/provenance/v1'].map(kindOfPredicate)).toEqual(['provenance', 'provenance']);
    expect(kindOfPredicate('https://cosign.sigstore.dev/attestation/vuln/v1')).toBeNull();
    expect(digestTag(`sha256:${'a'.repeat(64)}`)).toBe(`sha256-${'a'.repeat(64)}`);
    expect(digestTag(`sha512:${'b'.repeat(128)}`)).toBe(`sha512-${'b'.repeat(64)}`);
  });
});
