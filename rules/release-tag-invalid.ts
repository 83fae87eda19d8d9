import { positionOf } from '../src/model/located.js';
import { defineRule } from '../src/model/rule.js';

/** The release tag under check is not a semantic version. */
export default defineRule({
  id: 'release-tag-invalid',
  scope: 'manifests',
  level: 'error',
  summary: 'The release tag must be a semantic version',
  description:
    'The release tag (from `--tag`, CI variables, a tag at HEAD or `version.from`) must be a SemVer 2 version, ' +
    'with or without a leading `v`: `v1.2.3`, `1.2.3`, `v1.2.3-rc.1`. Release tooling (goreleaser, Helm, ' +
    'image tag automation) parses it, and tagcheck cannot order or compare a tag that is not a version, so the ' +
    'other rules fall back to comparing its text.',
  remediation: 'Tag the release as `vMAJOR.MINOR.PATCH` (e.g. `git tag v1.2.3`), or pass the version with `--tag`.',
  check({ model, report }) {
    const release = model.release;
    if (!release || release.version) return;
    report({
      message: `the release tag ${release.tag} is not a semantic version such as v1.2.3`,
      ...(release.location ? { at: positionOf(release.location) } : {}),
      actual: release.tag,
    });
  },
});
