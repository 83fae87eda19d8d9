import type { ImageUse } from '../src/model/release.js';
import { defineRule } from '../src/model/rule.js';
import type { Version } from '../src/model/version.js';
import { compareVersions, expectedImageTag, expectedReleaseImageTag, parseVersion, versionWithBuild } from '../src/model/version.js';
import { tagFix, tagNode, uniqueByTagNode } from './support/image-uses.js';

/** Without a release tag: the project's own images are referenced at different tags. */
export default defineRule({
  id: 'image-tag-inconsistent',
  scope: 'manifests',
  level: 'error',
  summary: 'Without a release tag, the project\'s own images must all be referenced at one tag',
  description:
    'When no release tag is under check (a pull request, a branch build), the manifests can still be checked ' +
    'against each other: every own image reference should name the same version. The newest version by SemVer ' +
    'precedence is taken as the intended one (drift is a bump that missed some places), and every reference at ' +
    'another tag is reported. Under `tagFormat: same` a `v` prefix does not count as a difference. Mutable tags ' +
    'are left to mutable-image-tag, digest-only references have no tag to compare.',
  remediation: 'Bump the reported references to the newest version (or run tagcheck with `--tag` to check against the release).',
  check({ model, report }) {
    if (model.release) return;
    const mutableTags = new Set(model.config.mutableTags);
    const format = model.config.tagFormat;
    const tagged = uniqueByTagNode(model.imageUses.filter((u) => u.own && u.ref.tag !== undefined && !mutableTags.has(u.ref.tag)));
    const groups = groupByVersion(tagged, format);
    if (groups.length < 2) return;
    const reference = pickReference(groups, format);
    const referenceUse = reference.uses[0];
    const referenceAt = tagNode(referenceUse);
    for (const group of groups) {
      if (group === reference) continue;
      for (const use of group.uses) {
        const actual = use.ref.tag!;
        const expected = reference.version && format === 'same'
          ? expectedReleaseImageTag({ tag: reference.tag, version: reference.version }, 'same', actual)
          : reference.tag;
        // only a version is bumped to a version: a `sha-…` or branch tag next to versions needs a person
        const fix = reference.version && group.version ? tagFix(use, model, actual, expected) : undefined;
        report({
          message:
            `${use.ref.repository} is tagged ${actual}, but ${referenceUse.ref.repository} is tagged ${reference.tag} ` +
            `(${referenceAt.file}:${referenceAt.line}); the project's own images should agree on one version`,
          at: tagNode(use),
          image: use.ref.repository,
          expected,
          actual,
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
});

/** References that name the same version: one tag text per group (the first seen), its version, its uses. */
interface TagGroup {
  key: string;
  tag: string;
  version: Version | null;
  uses: ImageUse[];
}

function groupByVersion(uses: readonly ImageUse[], format: string): TagGroup[] {
  const groups = new Map<string, TagGroup>();
  for (const use of uses) {
    const tag = use.ref.tag!;
    // `_` spells `+` in OCI tags (build metadata); see src/model/version.ts
    const version = parseVersion(tag.replace('_', '+'));
    const key = format === 'same' && version ? versionWithBuild(version) : tag;
    const group = groups.get(key) ?? { key, tag, version, uses: [] };
    group.uses.push(use);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * The version the references should agree on, deterministically: the newest by SemVer precedence (versions
 * before other tags), then the spelling that fits a `tagFormat` template, then the most used, then by text.
 */
function pickReference(groups: readonly TagGroup[], format: string): TagGroup {
  const fitsFormat = (g: TagGroup): number =>
    g.version && format.includes('{version}') && g.tag === expectedImageTag(g.version, format) ? 1 : 0;
  return [...groups].sort((a, b) => {
    if (a.version && b.version) {
      const byVersion = compareVersions(b.version, a.version) || compareBuild(b.version, a.version);
      if (byVersion !== 0) return byVersion;
    } else if (a.version || b.version) {
      return a.version ? -1 : 1;
    }
    return fitsFormat(b) - fitsFormat(a) || b.uses.length - a.uses.length || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);
  })[0];
}

/** SemVer precedence ignores build metadata; order it by text only so the choice stays deterministic. */
function compareBuild(a: Version, b: Version): number {
  const x = a.semver.build.join('.');
  const y = b.semver.build.join('.');
  return x < y ? -1 : x > y ? 1 : 0;
}
