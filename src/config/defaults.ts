import type { TagcheckConfig } from '../model/config.js';

/** The config file names looked for at the checked root, in order. */
export const CONFIG_FILE_NAMES: readonly string[] = ['.tagcheck.yaml', '.tagcheck.yml'];

/** Tags that move: a deploy manifest pinning one of these does not describe a release. */
export const DEFAULT_MUTABLE_TAGS: readonly string[] = ['latest', 'main', 'master', 'dev', 'edge', 'nightly'];

/**
 * The rule ids of the contract. Config validation accepts these plus whatever `rules/index.ts` registers,
 * so a config written for the documented rules validates even in a build where a rule module is missing.
 */
export const CONTRACT_RULE_IDS: readonly string[] = [
  'chart-app-version-mismatch',
  'chart-version-invalid',
  'components-out-of-sync',
  'image-missing',
  'image-tag-inconsistent',
  'image-tag-mismatch',
  'kustomize-image-unmatched',
  'latest-is-prerelease',
  'latest-missing',
  'latest-not-newest-stable',
  'manifest-index-missing',
  'mutable-image-tag',
  'platform-missing',
  'registry-unreachable',
  'release-tag-invalid',
];

/**
 * Rule ids beyond the contract, documented in README.md: the cluster rules of `check --cluster`, and the
 * signature and attestation rules of `require:`. Like the contract's, a config naming them validates in any build.
 */
export const EXTENSION_RULE_IDS: readonly string[] = ['attestation-missing', 'cluster-unreachable', 'deployed-digest-drift', 'deployed-image-mismatch', 'docs-version-stale', 'signature-missing'];

/** Attestation kinds `require.attestations` names; anything else must be an in-toto predicate type URI. */
export const ATTESTATION_KINDS: readonly string[] = ['sbom', 'provenance'];

/** What `--rule signature-missing=…` / `--rule attestation-missing=…` require when `require:` does not say. */
export const DEFAULT_REQUIREMENTS = {
  signatures: { platforms: false },
  attestations: { kinds: ['sbom', 'provenance'], platforms: false },
} as const;

/** Every default of the config, and the only place they live. A fresh object each call: callers may mutate it. */
export function defaultConfig(): TagcheckConfig {
  return {
    images: [],
    components: [],
    tagFormat: 'same',
    platforms: [],
    latest: 'required',
    mutableTags: [...DEFAULT_MUTABLE_TAGS],
    rules: {},
    registries: {},
    ignore: [],
    require: {},
  };
}
