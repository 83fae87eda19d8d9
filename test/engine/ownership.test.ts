import { describe, expect, it } from 'vitest';
import { repositoryPattern } from '../../src/model/image-ref.js';
import { parseReleaseTag } from '../../src/model/version.js';
import { markOwnImages, ownershipDiagnostics, ownershipMatcher, setApartNamesakes, setApartSeparatelyVersioned } from '../../src/engine/ownership.js';
import { at, imageUse, located, release, testConfig, testModel } from '../support/model.js';

describe('repositoryPattern', () => {
  it.each([
    ['ghcr.io/acme/gadget-*', 'ghcr.io/acme/gadget-trace', true],
    ['ghcr.io/acme/gadget-*', 'ghcr.io/acme/gadget-', true],
    ['ghcr.io/acme/gadget-*', 'ghcr.io/acme/gadget/trace', false],
    ['ghcr.io/acme/gadget-*', 'ghcr.io/acme/other', false],
    ['ghcr.io/acme/*', 'ghcr.io/acme/app', true],
    ['ghcr.io/acme/**', 'ghcr.io/acme/team/app', true],
    ['ghcr.io/acme/app?', 'ghcr.io/acme/app2', true],
    ['ghcr.io/acme/app?', 'ghcr.io/acme/app', false],
    // normalized like any reference: Docker Hub names gain docker.io/ (and library/ for one component)
    ['acme/*', 'docker.io/acme/app', true],
    ['nginx*', 'docker.io/library/nginx-unprivileged', true],
    // dots are literal, not "any character"
    ['ghcr.io/acme/a.b', 'ghcr.io/acme/aXb', false],
  ])('%s matches %s: %s', (pattern, repository, expected) => {
    expect(repositoryPattern(pattern).test(repository)).toBe(expected);
  });
});

describe('ownershipMatcher', () => {
  it('owns configured images (exact, normalized) and globs, and only those', () => {
    const config = testConfig({ images: [located('ghcr.io/acme/app', '.tagcheck.yaml', 2), located('ghcr.io/acme/gadget-*', '.tagcheck.yaml', 3)] });
    const matcher = ownershipMatcher(config, 'app');
    expect(matcher.isOwn('ghcr.io/acme/app')).toBe(true);
    expect(matcher.isOwn('ghcr.io/acme/gadget-trace')).toBe(true);
    // the repository-name fallback is off once images are configured
    expect(matcher.isOwn('docker.io/someone/app')).toBe(false);
    expect(matcher.declared).toEqual(['ghcr.io/acme/app']);
  });

  it('owns components and lists them normalized', () => {
    const config = testConfig({ images: [located('ghcr.io/acme/app', 'c', 1)], components: [located('ghcr.io/acme/trace-exec', 'c', 4)] });
    const matcher = ownershipMatcher(config, 'x');
    expect(matcher.isOwn('ghcr.io/acme/trace-exec')).toBe(true);
    expect(matcher.components).toEqual(['ghcr.io/acme/trace-exec']);
    expect(matcher.declared).toEqual(['ghcr.io/acme/app', 'ghcr.io/acme/trace-exec']);
  });

  it('without images, owns repositories whose path contains the repository name', () => {
    const matcher = ownershipMatcher(testConfig(), 'descheduler');
    expect(matcher.isOwn('registry.k8s.io/descheduler/descheduler')).toBe(true);
    expect(matcher.isOwn('ghcr.io/acme/descheduler-operator')).toBe(true);
    expect(matcher.isOwn('docker.io/library/nginx')).toBe(false);
    // the registry host is not part of the path
    expect(ownershipMatcher(testConfig(), 'ghcr').isOwn('ghcr.io/acme/app')).toBe(false);
  });

  it('ignores separators within a path component: argo-cd publishes argoproj/argocd', () => {
    expect(ownershipMatcher(testConfig(), 'argo-cd').isOwn('quay.io/argoproj/argocd')).toBe(true);
    expect(ownershipMatcher(testConfig(), 'kube_state.metrics').isOwn('registry.k8s.io/kube-state-metrics/kube-state-metrics')).toBe(true);
    // never across components: `argo/cd` is not `argo-cd`
    expect(ownershipMatcher(testConfig(), 'argo-cd').isOwn('ghcr.io/argo/cd')).toBe(false);
    expect(ownershipMatcher(testConfig(), 'argo-cd').isOwn('docker.io/library/redis')).toBe(false);
  });

  it('compares the repository name case-insensitively', () => {
    expect(ownershipMatcher(testConfig(), 'External-DNS').isOwn('registry.k8s.io/external-dns/external-dns')).toBe(true);
  });
});

describe('markOwnImages', () => {
  it('sets own on each use and collects own repositories, declared ones included', () => {
    const config = testConfig({ images: [located('ghcr.io/acme/*', 'c', 1)], components: [located('ghcr.io/acme/unused', 'c', 2)] });
    const uses = [
      imageUse('ghcr.io/acme/api:v1.0.0', at('a.yaml', 3)),
      imageUse('docker.io/library/redis:7', at('a.yaml', 9)),
      imageUse('ghcr.io/acme/web:v1.0.0', at('b.yaml', 4)),
    ];
    const { imageUses, ownRepositories } = markOwnImages(uses, ownershipMatcher(config, 'repo'));
    expect(imageUses.map((u) => u.own)).toEqual([true, false, true]);
    expect(ownRepositories).toEqual(['ghcr.io/acme/api', 'ghcr.io/acme/unused', 'ghcr.io/acme/web']);
    // the input is not mutated
    expect(uses.every((u) => !u.own)).toBe(true);
  });
});

describe('ownershipDiagnostics', () => {
  const thirdParty = [imageUse('ghcr.io/acme/orbit/api:v2.0.0', at('deploy/api.yaml', 10, 18))];
  const warning = (name: string, source: string) => ({
    level: 'warning',
    message: `no image in the manifests belongs to this project (repository name "${name}" from ${source}); list them under images: in .tagcheck.yaml or run tagcheck init`,
  });

  it('warns when a release is checked and no image the manifests use is own, naming the name and its source', () => {
    const model = testModel({ repositoryName: 'upstream', repositoryNameSource: 'origin', release: release('v2.1.0'), imageUses: thirdParty });
    expect(ownershipDiagnostics(model)).toEqual([warning('upstream', 'origin')]);
  });

  it('says nothing when something is own, without a release, for a chart release, or with no image at all', () => {
    const base = { repositoryName: 'upstream', release: release('v2.1.0'), imageUses: thirdParty };
    expect(ownershipDiagnostics(testModel({ ...base, imageUses: [{ ...thirdParty[0], own: true }] }))).toEqual([]);
    expect(ownershipDiagnostics(testModel({ ...base, release: null }))).toEqual([]);
    expect(ownershipDiagnostics(testModel({ ...base, release: null, chartRelease: { ...release('orbit-2.1.0'), chart: 'orbit' } }))).toEqual([]);
    // everything filled in at release time (notes say so), or nothing deployed: nothing to list under images:
    expect(ownershipDiagnostics(testModel({ ...base, imageUses: [] }))).toEqual([]);
  });

  it('a project chart counts as identified: one that deploys no image, or one named after the repository', () => {
    const chart = { dir: 'charts/orbit', file: 'charts/orbit/Chart.yaml', vendored: false };
    const base = { repositoryName: 'upstream', release: release('v2.1.0'), imageUses: [{ ...thirdParty[0], chart: 'charts/orbit' }] };
    expect(ownershipDiagnostics(testModel({ ...base, charts: [{ ...chart, name: located('orbit', chart.file, 2, 7) }] }))).toEqual([warning('upstream', 'folder name')]);
    expect(ownershipDiagnostics(testModel({ ...base, repositoryName: 'orbit', charts: [{ ...chart, name: located('orbit', chart.file, 2, 7) }] }))).toEqual([]);
    expect(ownershipDiagnostics(testModel({ ...base, charts: [{ ...chart, dir: 'charts/docs', file: 'charts/docs/Chart.yaml' }] }))).toEqual([]);
    // a vendored dependency is never the project's
    expect(ownershipDiagnostics(testModel({ ...base, charts: [{ ...chart, dir: 'charts/docs', file: 'charts/docs/Chart.yaml', vendored: true }] }))).toHaveLength(1);
  });

  it('with images: configured and none used by the manifests, warns at the first entry, release or not', () => {
    const config = testConfig({ images: [located('ghcr.io/acme/orbit-api', '.tagcheck.yaml', 3, 5), located('ghcr.io/acme/web-*', '.tagcheck.yaml', 4, 5)] });
    expect(ownershipDiagnostics(testModel({ config, imageUses: thirdParty }))).toEqual([
      {
        file: '.tagcheck.yaml', line: 3, column: 5, level: 'warning',
        message: 'no image in the manifests matches images: in .tagcheck.yaml (ghcr.io/acme/orbit-api, ghcr.io/acme/web-*); fix the list, or run tagcheck init --force to rediscover them',
      },
    ]);
    expect(ownershipDiagnostics(testModel({ config, imageUses: [] }))).toEqual([]);
  });
});

describe('setApartSeparatelyVersioned', () => {
  const own = (reference: string, line: number) => imageUse(reference, at('deploy.yaml', line), { own: true });
  const apart = (uses: ReturnType<typeof own>[], tag: string | null, name: string, config = testConfig()) =>
    // a component-prefixed tag (`controller-v1.11.2`) as the release tag resolution reads it
    setApartSeparatelyVersioned(uses, tag ? { ...release(tag), version: parseReleaseTag(tag) } : null, config, name);

  it('metallb: a namespace-only image on another version line is set apart, with a note at its tag', () => {
    const result = apart([own('quay.io/metallb/controller:v0.14.9', 1), own('quay.io/metallb/speaker:v0.14.9', 2), own('quay.io/metallb/frr-k8s:v0.0.16', 3)], 'v0.14.9', 'metallb');
    expect(result.apart).toEqual(['quay.io/metallb/frr-k8s']);
    expect(result.imageUses.map((u) => u.own)).toEqual([true, true, false]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ file: 'deploy.yaml', line: 3, level: 'note', message: expect.stringMatching(/^quay\.io\/metallb\/frr-k8s is versioned apart from v0\.14\.9 \(tagged v0\.0\.16; quay\.io\/metallb\/controller follows v0\.14\.9\)/) }),
    ]);
  });

  it('ingress-nginx at controller-v1.11.2: sibling images (certgen, date-tagged) apart; a stale controller is not', () => {
    const uses = [
      own('registry.k8s.io/ingress-nginx/controller:v1.11.2', 1),
      own('registry.k8s.io/ingress-nginx/controller:v1.0.5', 2),
      own('registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.4.3', 3),
      own('registry.k8s.io/ingress-nginx/opentelemetry-1.25.3:v20240813-b933310d', 4),
    ];
    expect(apart(uses, 'controller-v1.11.2', 'ingress-nginx').apart).toEqual([
      'registry.k8s.io/ingress-nginx/kube-webhook-certgen',
      'registry.k8s.io/ingress-nginx/opentelemetry-1.25.3',
    ]);
    // a newer version or another major is another line too
    expect(apart([own('ghcr.io/acme/api:v1.4.0', 1), own('ghcr.io/acme/cli:v2.0.0', 2), own('ghcr.io/acme/ui:v1.9.0', 3)], 'v1.4.0', 'acme').apart)
      .toEqual(['ghcr.io/acme/cli', 'ghcr.io/acme/ui']);
  });

  it('never sets apart: an image named after the repository, a patch behind, untagged, or when nothing follows the release', () => {
    // named after the repository: stale everywhere is drift
    expect(apart([own('ghcr.io/acme/app:v1.0.0', 1), own('ghcr.io/acme/worker:v1.2.0', 2)], 'v1.2.0', 'app').apart).toEqual([]);
    // the same major.minor, a patch behind, or one minor behind: a missed bump, not another version line
    expect(apart([own('quay.io/metallb/controller:v0.14.9', 1), own('quay.io/metallb/speaker:v0.14.8', 2)], 'v0.14.9', 'metallb').apart).toEqual([]);
    expect(apart([own('ghcr.io/acme/api:v1.4.0', 1), own('ghcr.io/acme/worker:v1.3.2', 2)], 'v1.4.0', 'acme').apart).toEqual([]);
    // a mutable or development tag on an own image is image-tag-mismatch's, whatever the namespace
    expect(apart([own('ghcr.io/acme/api:v1.4.0', 1), own('ghcr.io/acme/worker:main', 2)], 'v1.4.0', 'acme').apart).toEqual([]);
    for (const tag of ['sha-4f2a9c1', 'pr-1234', 'release-1.4', 'nightly-20240101']) {
      expect(apart([own('ghcr.io/acme/api:v1.4.0', 1), own(`ghcr.io/acme/worker:${tag}`, 2)], 'v1.4.0', 'acme').apart, tag).toEqual([]);
    }
    // one reference on the line, or near it, keeps the image own (its other references are then drift)
    expect(apart([own('ghcr.io/acme/api:v1.4.0', 1), own('ghcr.io/acme/worker:v1.3.0', 2), own('ghcr.io/acme/worker:v0.9.0', 3)], 'v1.4.0', 'acme').apart).toEqual([]);
    // untagged: mutable-image-tag's
    expect(apart([own('quay.io/metallb/controller:v0.14.9', 1), own('quay.io/metallb/speaker', 2)], 'v0.14.9', 'metallb').apart).toEqual([]);
    // the whole release left behind: every image is still checked
    expect(apart([own('quay.io/metallb/controller:v0.14.8', 1), own('quay.io/metallb/frr-k8s:v0.0.16', 2)], 'v0.15.0', 'metallb').apart).toEqual([]);
    // images: configured decides alone
    const config = testConfig({ images: [located('quay.io/metallb/*', '.tagcheck.yaml', 2)] });
    expect(apart([own('quay.io/metallb/controller:v0.14.9', 1), own('quay.io/metallb/frr-k8s:v0.0.16', 2)], 'v0.14.9', 'metallb', config).apart).toEqual([]);
  });

  it('kruise at v1.9.0: images tagged only with words (a demo app at v1, v2, sidecar) are apart, even with nothing on the line', () => {
    const uses = [
      own('docker.io/openkruise/guestbook:v1', 1),
      own('docker.io/openkruise/guestbook:v2', 2),
      own('docker.io/openkruise/guestbook:sidecar', 3),
      own('docker.io/openkruise/kruise-manager:v1.8.2', 4),
    ];
    const result = apart(uses, 'v1.9.0', 'kruise');
    expect(result.apart).toEqual(['docker.io/openkruise/guestbook']);
    expect(result.diagnostics).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/^docker\.io\/openkruise\/guestbook is versioned apart from v1\.9\.0 \(tagged sidecar, v1, v2\): /) })]);
    // an image whose name only carries the repository's, at a word (contour's authserver at v4), beside the release's
    expect(apart([own('ghcr.io/projectcontour/contour:v1.33.6', 1), own('ghcr.io/projectcontour/contour-authserver:v4', 2)], 'v1.33.6', 'contour').apart).toEqual(['ghcr.io/projectcontour/contour-authserver']);
    // but not the image named after the repository, nor a word that is a version, mutable or a development build's
    expect(apart([own('docker.io/openkruise/kruise:v1', 1)], 'v1.9.0', 'kruise').apart).toEqual([]);
    for (const tag of ['v1.8', 'latest', 'main', 'sha-4f2a9c1']) expect(apart([own(`docker.io/openkruise/guestbook:${tag}`, 1)], 'v1.9.0', 'kruise').apart, tag).toEqual([]);
    // one word-tagged reference beside a version: not words only
    expect(apart([own('docker.io/openkruise/guestbook:v1', 1), own('docker.io/openkruise/guestbook:v1.8.0', 2)], 'v1.9.0', 'kruise').apart).toEqual([]);
  });

  it('without a release: the newest version of an image named after the repository is the line', () => {
    const uses = [own('ghcr.io/kyverno/kyverno:v1.12.0', 1), own('ghcr.io/kyverno/background-controller:v1.12.0', 2), own('ghcr.io/kyverno/test-verify-image:signed', 3)];
    expect(apart(uses, null, 'kyverno').apart).toEqual(['ghcr.io/kyverno/test-verify-image']);
    // nothing named after the repository: no line to compare with
    expect(apart([own('quay.io/metallb/controller:v0.14.9', 1), own('quay.io/metallb/frr-k8s:v0.0.16', 2)], null, 'metallb').apart).toEqual([]);
  });
});

describe('setApartNamesakes', () => {
  const own = (reference: string, line: number) => imageUse(reference, at('deploy.yaml', line), { own: true });

  it('external-secrets: a third-party image embedding the name, in another namespace, is set apart with a note', () => {
    const uses = [own('ghcr.io/external-secrets/external-secrets:v0.10.0', 1), own('docker.io/purtontech/cloak-external-secrets:latest', 2)];
    const result = setApartNamesakes(uses, testConfig(), 'external-secrets');
    expect(result.apart).toEqual(['docker.io/purtontech/cloak-external-secrets']);
    expect(result.imageUses.map((u) => u.own)).toEqual([true, false]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ file: 'deploy.yaml', line: 2, level: 'note', message: expect.stringContaining('docker.io/purtontech/cloak-external-secrets only has "external-secrets" inside its image name') }),
    ]);
  });

  it('keeps: images beside the evident ones, namespaces naming the repository, and everything when nothing is evident', () => {
    const keda = [own('ghcr.io/kedacore/keda:v2.16.0', 1), own('ghcr.io/kedacore/keda-metrics-apiserver:v2.16.0', 2)];
    expect(setApartNamesakes(keda, testConfig(), 'keda').apart).toEqual([]);
    const kueue = [own('registry.k8s.io/kueue/kueue:v0.9.0', 1), own('us-central1-docker.pkg.dev/k8s-staging-images/kueue/importer:v0.9.0', 2)];
    expect(setApartNamesakes(kueue, testConfig(), 'kueue').apart).toEqual([]);
    // the same namespace on another registry is the same home
    const mirrored = [own('ghcr.io/acme/app:v1.0.0', 1), own('quay.io/acme/app-operator:v1.0.0', 2)];
    expect(setApartNamesakes(mirrored, testConfig(), 'app').apart).toEqual([]);
    // nothing evident: the plain name test decides
    expect(setApartNamesakes([own('ghcr.io/acme/descheduler-operator:v1.0.0', 1)], testConfig(), 'descheduler').apart).toEqual([]);
    // images: configured decides alone
    const config = testConfig({ images: [located('docker.io/purtontech/*', '.tagcheck.yaml', 2)] });
    expect(setApartNamesakes([own('ghcr.io/x/external-secrets:v1', 1), own('docker.io/purtontech/cloak-external-secrets:v1', 2)], config, 'external-secrets').apart).toEqual([]);
  });
});
