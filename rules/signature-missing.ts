import { defineRule } from '../src/model/rule.js';
import { locateRepository, ownRegistryRepositories } from '../src/model/registry-view.js';
import { checkedSubjects, lookedFor, describeSubject } from '../src/model/supply-chain.js';

/**
 * `require: { signatures: true }`: the release tag's digest (and with `platforms: true` each platform manifest of
 * its index) has no cosign or notation signature. Presence only: nothing is verified cryptographically.
 */
export default defineRule({
  id: 'signature-missing',
  scope: 'registry',
  level: 'error',
  summary: "An own image's release digest has no signature (cosign, notation); runs when `require: signatures` asks",
  description:
    'With `require: { signatures: true }` every own image\'s release tag digest must have a signature: an OCI 1.1 referrer ' +
    '(cosign `application/vnd.dev.cosign.artifact.sig.v1+json`, a sigstore bundle of `https://sigstore.dev/cosign/sign/v1`, ' +
    'notation `application/vnd.cncf.notary.signature`), found by the referrers API or the referrers tag schema, or cosign\'s ' +
    '`sha256-<hex>.sig` tag. `signatures: { platforms: true }` checks each platform manifest of the index too. Signatures are ' +
    'found, not verified: no trust root is reachable offline.',
  remediation:
    'Sign the released digest, e.g. `cosign sign --yes IMAGE@sha256:…` (`--recursive` signs each platform manifest too) or ' +
    '`notation sign IMAGE@sha256:…`, in the release job after the push.',
  runsWhen: (config) => config.require.signatures !== undefined,
  check({ model, report }) {
    const required = model.config.require.signatures;
    if (!required || !model.registry) return;
    for (const repository of ownRegistryRepositories(model)) {
      for (const subject of checkedSubjects(model, repository, required.platforms)) {
        if (subject.artifacts.signatures.length > 0) continue;
        report({
          message: `${describeSubject(subject)} has no signature (looked at: ${lookedFor(subject.artifacts, 'signatures')})`,
          at: locateRepository(model, repository, subject.tag),
          image: repository,
          expected: 'a signature',
          actual: `none for ${subject.digest}`,
        });
      }
    }
  },
});
