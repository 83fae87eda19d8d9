import { describe, expect, it } from 'vitest';
import chartAppVersionMismatch from '../../rules/chart-app-version-mismatch.js';
import imageTagInconsistent from '../../rules/image-tag-inconsistent.js';
import imageTagMismatch from '../../rules/image-tag-mismatch.js';
import { runRules } from '../../src/engine/run-rules.js';
import type { HelmChart, ReleaseModel } from '../../src/model/release.js';
import type { RuleDefinition } from '../../src/model/rule.js';
import { at, imageUse, located, release, testConfig, testModel } from '../support/model.js';

/** `ruleId file:line:column from→to`, or `ruleId file:line:column no fix`, per finding. */
function fixesOf(rule: RuleDefinition, model: ReleaseModel): string[] {
  return runRules([rule], model).map((f) => {
    const where = `${f.location?.file}:${f.location?.line}:${f.location?.column}`;
    if (!f.fix) return `${f.ruleId} ${where} no fix`;
    const fixAt = `${f.fix.at.file}:${f.fix.at.line}:${f.fix.at.column}`;
    return `${f.ruleId} ${fixAt} ${f.fix.from}→${f.fix.to}`;
  });
}

const own = { own: true };
const DIGEST = `sha256:${'c'.repeat(64)}`;

function chart(appVersion: string, fields: Partial<HelmChart> = {}): HelmChart {
  return {
    dir: 'charts/app', file: 'charts/app/Chart.yaml', name: located('app', 'charts/app/Chart.yaml', 2, 7),
    version: located('1.0.0', 'charts/app/Chart.yaml', 3, 10), appVersion: located(appVersion, 'charts/app/Chart.yaml', 4, 13), vendored: false, ...fields,
  };
}

describe('the rules attach the edit that resolves each finding', () => {
  it('image-tag-mismatch: at the node that decides the tag (inline string, newTag, values tag), to the expected tag', () => {
    const model = testModel({
      release: release('v0.31.0'),
      imageUses: [
        imageUse('ghcr.io/acme/app:v0.30.1', at('deploy/a.yaml', 7, 18), own),
        imageUse('ghcr.io/acme/api:0.30.1', at('deploy/api.yaml', 9, 18), { ...own, kind: 'kustomize', tagAt: at('deploy/kustomization.yaml', 6, 13), tagSource: 'kustomize' }),
        imageUse('ghcr.io/acme/worker:v0.30.1', at('charts/app/values.yaml', 2, 15), { ...own, kind: 'helm-values', tagAt: at('charts/app/values.yaml', 3, 8), tagSource: 'helm-values', chart: 'charts/app' }),
      ],
    });
    expect(fixesOf(imageTagMismatch, model)).toEqual([
      'image-tag-mismatch deploy/a.yaml:7:18 v0.30.1→v0.31.0',
      'image-tag-mismatch deploy/kustomization.yaml:6:13 0.30.1→0.31.0',
      'image-tag-mismatch charts/app/values.yaml:3:8 v0.30.1→v0.31.0',
    ]);
  });

  it('image-tag-mismatch: a digest-pinned reference has no edit (tag and digest must move together)', () => {
    const model = testModel({ release: release('v0.31.0'), imageUses: [imageUse(`ghcr.io/acme/app:v0.30.1@${DIGEST}`, at('deploy/a.yaml', 7, 18), own)] });
    expect(fixesOf(imageTagMismatch, model)).toEqual(['image-tag-mismatch deploy/a.yaml:7:18 no fix']);
  });

  it('image-tag-mismatch: a tag defaulted from appVersion is fixed at appVersion, template prefix kept, else not at all', () => {
    const appVersionUse = (tag: string) =>
      imageUse(`ghcr.io/acme/app:${tag}`, at('charts/app/values.yaml', 2, 15), { ...own, kind: 'helm-values', tagAt: at('charts/app/Chart.yaml', 4, 13), tagSource: 'helm-app-version', chart: 'charts/app' });
    // tagFormat exact: appVersion 1.0.0 is the release under chart-app-version-mismatch's `same`, but the image tag is not
    const noPrefix = testModel({ release: release('v1.0.0'), config: testConfig({ tagFormat: 'exact' }), charts: [chart('1.0.0')], imageUses: [appVersionUse('1.0.0')] });
    expect(fixesOf(imageTagMismatch, noPrefix)).toEqual(['image-tag-mismatch charts/app/Chart.yaml:4:13 1.0.0→v1.0.0']);
    // a `v{{ .Chart.AppVersion }}` template and a release without v: no appVersion makes the tag 1.0.0
    const prefixed = testModel({ release: release('1.0.0'), config: testConfig({ tagFormat: 'exact' }), charts: [chart('1.0.0')], imageUses: [appVersionUse('v1.0.0')] });
    expect(fixesOf(imageTagMismatch, prefixed)).toEqual(['image-tag-mismatch charts/app/Chart.yaml:4:13 no fix']);
  });

  it('image-tag-inconsistent: versions move to the newest; a tag that is not a version gets no edit', () => {
    const model = testModel({
      imageUses: [
        imageUse('ghcr.io/acme/app:v1.2.0', at('a.yaml', 1, 8), own),
        imageUse('ghcr.io/acme/api:1.1.0', at('a.yaml', 2, 8), own),
        imageUse('ghcr.io/acme/web:sha-3f2a1b9', at('a.yaml', 3, 8), own),
      ],
    });
    expect(fixesOf(imageTagInconsistent, model)).toEqual([
      'image-tag-inconsistent a.yaml:2:8 1.1.0→1.2.0',
      'image-tag-inconsistent a.yaml:3:8 no fix',
    ]);
  });

  it('chart-app-version-mismatch: at appVersion, in its own v convention', () => {
    const model = testModel({ release: release('v0.31.0'), charts: [chart('0.30.1')] });
    expect(fixesOf(chartAppVersionMismatch, model)).toEqual(['chart-app-version-mismatch charts/app/Chart.yaml:4:13 0.30.1→0.31.0']);
  });
});
