import { defineRule } from '../src/model/rule.js';
import { locateRepository, ownRegistryRepositories } from '../src/model/registry-view.js';
import { checkedSubjects, describeKind, lookedFor, describeSubject, satisfiesKind } from '../src/model/supply-chain.js';

/**
 * `require: { attestations: [sbom, provenance] }`: the release tag's digest (and with `platforms: true` each
 * platform manifest) lacks an attestation of a required kind. Presence only: nothing is verified.
 */
export default defineRule({
  id: 'attestation-missing',
  scope: 'registry',
  level: 'error',
  summary: "An own image's release digest lacks a required attestation (SBOM, SLSA provenance); runs when `require: attestations` asks",
  description:
    'With `require: { attestations: [sbom, provenance] }` every own image\'s release tag digest must have an attestation of each ' +
    'kind: in-toto predicate types `https://spdx.dev/Document` or `https://cyclonedx.org/bom` (sbom) and ' +
    '`https://slsa.dev/provenance/v0.2` or `/v1` (provenance), or an exact predicate type URI. They are found as OCI 1.1 ' +
    'referrers (referrers API or referrers tag schema), cosign\'s `sha256-<hex>.att` (and legacy `.sbom`) tags, or BuildKit ' +
    'attestation manifests inside the index. `platforms: true` checks each platform manifest too. Attestations are found, not verified.',
  remediation:
    'Attach the attestations in the release job: `docker buildx build --sbom=true --provenance=mode=max --push …`, or ' +
    '`cosign attest --type spdxjson|slsaprovenance --predicate FILE IMAGE@sha256:…` after the push.',
  runsWhen: (config) => (config.require.attestations?.kinds.length ?? 0) > 0,
  check({ model, report }) {
    const required = model.config.require.attestations;
    if (!required || !model.registry) return;
    for (const repository of ownRegistryRepositories(model)) {
      for (const subject of checkedSubjects(model, repository, required.platforms)) {
        const found = subject.artifacts.attestations;
        const missing = required.kinds.filter((kind) => !found.some((attestation) => satisfiesKind(attestation, kind)));
        if (missing.length === 0) continue;
        const present = [...new Set(found.map((a) => a.predicateType ?? (a.kind ? `${a.kind} artifact` : 'unknown predicate')))];
        report({
          message:
            `${describeSubject(subject)} has no ${missing.map(describeKind).join(' or ')} attestation ` +
            `(looked at: ${lookedFor(subject.artifacts, 'attestations')}${present.length ? `; found: ${present.join(', ')}` : ''})`,
          at: locateRepository(model, repository, subject.tag),
          image: repository,
          expected: required.kinds.join(', '),
          actual: present.join(', ') || 'none',
        });
      }
    }
  },
});
