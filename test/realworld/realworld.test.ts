import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/engine/check.js';

/**
 * Real repositories at real release tags (fixtures/realworld/<owner>-<repo>-<tag>/, reconstructed file by file; each
 * folder's README names the source commits). Each fixture is copied into a git repository whose `origin` is the real
 * GitHub URL, so ownership comes from the remote as it does for a user's clone, with no config unless the
 * fixture carries the `.tagcheck.yaml` a real user would need.
 */
const fixtures = path.resolve(import.meta.dirname, '../../fixtures/realworld');

interface Case {
  fixture: string;
  repo: string;
  tag: string;
  /** `ruleId file:line:column expected→actual`, sorted as the report sorts them */
  findings: string[];
  /** diagnostics expected (all below warning unless listed here) as `level file message-fragment` */
  diagnostics?: string[];
}

const cases: Case[] = [
  // descheduler: image inline in a kustomize folder, files starting with `---`, no `images:` override
  { fixture: 'kubernetes-sigs-descheduler-v0.28.1', repo: 'kubernetes-sigs/descheduler', tag: 'v0.28.1', findings: [] },
  // the next release cut without bumping the manifests: found at the inline image
  {
    fixture: 'kubernetes-sigs-descheduler-v0.28.1', repo: 'kubernetes-sigs/descheduler', tag: 'v0.29.0',
    findings: ['image-tag-mismatch kubernetes/deployment/deployment.yaml:22:18 v0.29.0→v0.28.1'],
  },
  // descheduler chart: appVersion 0.22.0 without v, tag "" defaulting through printf "v%s"
  { fixture: 'kubernetes-sigs-descheduler-v0.22.0', repo: 'kubernetes-sigs/descheduler', tag: 'v0.22.0', findings: [] },
  {
    fixture: 'kubernetes-sigs-descheduler-v0.22.0', repo: 'kubernetes-sigs/descheduler', tag: 'v0.23.0',
    findings: ['chart-app-version-mismatch charts/descheduler/Chart.yaml:4:13 0.23.0→0.22.0'],
  },
  // inspektor-gadget: Chart.yaml.tmpl with %VERSION% placeholders; templates/ must still be recognised as templates
  {
    fixture: 'inspektor-gadget-inspektor-gadget-v0.40.0', repo: 'inspektor-gadget/inspektor-gadget', tag: 'v0.40.0', findings: [],
    diagnostics: ['note charts/gadget/Chart.yaml.tmpl template for Chart.yaml'],
  },
  // the chart as packaged: version 0.40.0, appVersion v0.40.0, tag from a _helpers.tpl define
  { fixture: 'inspektor-gadget-inspektor-gadget-v0.40.0-packaged', repo: 'inspektor-gadget/inspektor-gadget', tag: 'v0.40.0', findings: [] },
  {
    fixture: 'inspektor-gadget-inspektor-gadget-v0.40.0-packaged', repo: 'inspektor-gadget/inspektor-gadget', tag: 'v0.41.0',
    findings: ['chart-app-version-mismatch charts/gadget/Chart.yaml:21:13 v0.41.0→v0.40.0'],
  },
  // external-dns kustomize/: the resource names the image untagged, `images:` newTag decides it
  { fixture: 'kubernetes-sigs-external-dns-v0.10.0', repo: 'kubernetes-sigs/external-dns', tag: 'v0.10.0', findings: [] },
  {
    fixture: 'kubernetes-sigs-external-dns-v0.10.0', repo: 'kubernetes-sigs/external-dns', tag: 'v0.11.0',
    findings: ['image-tag-mismatch kustomize/kustomization.yaml:6:13 v0.11.0→v0.10.0'],
  },
  // external-dns chart 1.10.1: chart version unrelated to appVersion 0.12.0; `default (printf "v%s" …) .Values.image.tag` in a define
  { fixture: 'kubernetes-sigs-external-dns-v0.12.0', repo: 'kubernetes-sigs/external-dns', tag: 'v0.12.0', findings: [] },
  {
    fixture: 'kubernetes-sigs-external-dns-v0.12.0', repo: 'kubernetes-sigs/external-dns', tag: 'v0.12.1',
    findings: ['chart-app-version-mismatch charts/external-dns/Chart.yaml:6:13 0.12.1→0.12.0'],
  },
  // metrics-server: base at a staging `:master` image, renamed and tagged by a kustomize Component; chart with a
  // nested third-party addonResizer.image block
  { fixture: 'kubernetes-sigs-metrics-server-v0.6.0', repo: 'kubernetes-sigs/metrics-server', tag: 'v0.6.0', findings: [] },
  {
    fixture: 'kubernetes-sigs-metrics-server-v0.6.0', repo: 'kubernetes-sigs/metrics-server', tag: 'v0.6.1',
    findings: [
      'chart-app-version-mismatch charts/metrics-server/Chart.yaml:6:13 0.6.1→0.6.0',
      'image-tag-mismatch manifests/components/release/kustomization.yaml:6:11 v0.6.1→v0.6.0',
    ],
  },
  // argo-cd: `:latest` in every resource (containers and initContainers) retagged by the base's images: entry;
  // repository `argo-cd` publishes `argoproj/argocd` (ownership ignores separators)
  { fixture: 'argoproj-argo-cd-v2.7.6', repo: 'argoproj/argo-cd', tag: 'v2.7.6', findings: [] },
  {
    fixture: 'argoproj-argo-cd-v2.7.6', repo: 'argoproj/argo-cd', tag: 'v2.7.7',
    findings: ['image-tag-mismatch manifests/base/kustomization.yaml:8:11 v2.7.7→v2.7.6'],
  },
  // cert-manager: the repository keeps Chart.template.yaml (version/appVersion v0.0.0 set by the release tool)
  {
    fixture: 'cert-manager-cert-manager-v1.14.4', repo: 'cert-manager/cert-manager', tag: 'v1.14.4', findings: [],
    diagnostics: ['note deploy/charts/cert-manager/Chart.template.yaml template for Chart.yaml'],
  },
  // as packaged: no values tag key at all; the `image` helper defaults to its argument $.Chart.AppVersion (v1.14.4).
  // Chart `version: v1.14.4` is reported by design (rules/chart-version-invalid.md: a leading v is not SemVer 2).
  {
    fixture: 'cert-manager-cert-manager-v1.14.4-packaged', repo: 'cert-manager/cert-manager', tag: 'v1.14.4',
    findings: ['chart-version-invalid deploy/charts/cert-manager/Chart.yaml:26:10 1.14.4→v1.14.4'],
  },
  {
    fixture: 'cert-manager-cert-manager-v1.14.4-packaged', repo: 'cert-manager/cert-manager', tag: 'v1.14.5',
    findings: [
      // the fixture's README names the controller image at v1.14.4 in inline code: stale at v1.14.5
      'docs-version-stale README.md:7:108 v1.14.5→v1.14.4',
      'chart-version-invalid deploy/charts/cert-manager/Chart.yaml:26:10 1.14.4→v1.14.4',
      'chart-app-version-mismatch deploy/charts/cert-manager/Chart.yaml:27:13 v1.14.5→v1.14.4',
    ],
  },
  // kueue: kubebuilder placeholder `controller:latest` renamed to the staging registry; on the release branch the
  // checked-in newTag is the branch's moving staging tag, and the released manifests are generated: real drift
  {
    fixture: 'kubernetes-sigs-kueue-v0.11.0', repo: 'kubernetes-sigs/kueue', tag: 'v0.11.0',
    findings: ['image-tag-mismatch config/components/manager/kustomization.yaml:17:11 v0.11.0→release-0.11'],
  },
  // kube-state-metrics: a prerelease tag, plain manifest, `- image:` as the first key of the container
  { fixture: 'kubernetes-kube-state-metrics-v2.0.0-alpha.2', repo: 'kubernetes/kube-state-metrics', tag: 'v2.0.0-alpha.2', findings: [] },
  {
    fixture: 'kubernetes-kube-state-metrics-v2.0.0-alpha.2', repo: 'kubernetes/kube-state-metrics', tag: 'v2.0.0-alpha.3',
    findings: ['image-tag-mismatch examples/standard/deployment.yaml:21:16 v2.0.0-alpha.3→v2.0.0-alpha.2'],
  },
  // node-feature-discovery: an overlay reaching its base through the deprecated `bases:` field
  { fixture: 'kubernetes-sigs-node-feature-discovery-v0.18.2', repo: 'kubernetes-sigs/node-feature-discovery', tag: 'v0.18.2', findings: [] },
  {
    fixture: 'kubernetes-sigs-node-feature-discovery-v0.18.2', repo: 'kubernetes-sigs/node-feature-discovery', tag: 'v0.18.3',
    findings: ['image-tag-mismatch deployment/base/master/master-deployment.yaml:22:18 v0.18.3→v0.18.2'],
  },
  // prometheus-operator: apps/v1beta2; the config-reloader image travels in args (not an image field, not read)
  { fixture: 'prometheus-operator-prometheus-operator-v0.29.0', repo: 'prometheus-operator/prometheus-operator', tag: 'v0.29.0', findings: [] },
  {
    fixture: 'prometheus-operator-prometheus-operator-v0.29.0', repo: 'prometheus-operator/prometheus-operator', tag: 'v0.30.0',
    findings: ['image-tag-mismatch example/rbac/prometheus-operator/prometheus-operator-deployment.yaml:24:16 v0.30.0→v0.29.0'],
  },
  // kyverno: values `tag: ~` defaulted through helpers that take the image block whole, one of them with the
  // default beside another block's `.tag`; ~1,000 test manifests at `latest` and made-up tags are set aside (a note)
  {
    fixture: 'kyverno-kyverno-v1.12.0', repo: 'kyverno/kyverno', tag: 'v1.12.0', findings: [],
    diagnostics: ['note undefined 3 image references in test-fixture folders'],
  },
  {
    fixture: 'kyverno-kyverno-v1.12.0', repo: 'kyverno/kyverno', tag: 'v1.12.1',
    findings: ['chart-app-version-mismatch charts/kyverno/Chart.yaml:5:13 v1.12.1→v1.12.0'],
    diagnostics: ['note undefined 3 image references in test-fixture folders'],
  },
  // metallb: `quay.io/metallb/frr-k8s:v0.0.16`, a sibling project's image, beside the release's controller and
  // speaker; the repository name shows only in the namespace of all three: frr-k8s is set apart with a note
  {
    fixture: 'metallb-metallb-v0.14.9', repo: 'metallb/metallb', tag: 'v0.14.9', findings: [],
    diagnostics: ['note config/manifests/metallb-frr-k8s.yaml quay.io/metallb/frr-k8s is versioned apart from v0.14.9'],
  },
  {
    fixture: 'metallb-metallb-v0.14.9', repo: 'metallb/metallb', tag: 'v0.14.10',
    findings: [
      'image-tag-mismatch config/manifests/metallb-frr-k8s.yaml:11:16 v0.14.10→v0.14.9',
      'image-tag-mismatch config/manifests/metallb-frr-k8s.yaml:64:16 v0.14.10→v0.14.9',
    ],
    diagnostics: ['note config/manifests/metallb-frr-k8s.yaml quay.io/metallb/frr-k8s is versioned apart from v0.14.10'],
  },
  // metrics-server v0.7.1: the base's staging `:master` reached untouched only by the e2e overlays (overlays/test,
  // overlays/test-ha): test inputs, set aside; the release overlay's newTag is checked
  {
    fixture: 'kubernetes-sigs-metrics-server-v0.7.1', repo: 'kubernetes-sigs/metrics-server', tag: 'v0.7.1', findings: [],
    diagnostics: ['note undefined 1 image reference in test-fixture folders'],
  },
  {
    fixture: 'kubernetes-sigs-metrics-server-v0.7.1', repo: 'kubernetes-sigs/metrics-server', tag: 'v0.7.2',
    findings: ['image-tag-mismatch manifests/components/release/kustomization.yaml:6:11 v0.7.2→v0.7.1'],
    diagnostics: ['note undefined 1 image reference in test-fixture folders'],
  },
];

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A clone-like copy: the folder is named after the repository and `origin` points at GitHub. */
async function cloneOf(fixture: string, repo: string): Promise<string> {
  const parent = await mkdtemp(path.join(tmpdir(), 'tagcheck-realworld-'));
  temps.push(parent);
  const root = path.join(parent, repo.split('/')[1]);
  await cp(path.join(fixtures, fixture), root, { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['remote', 'add', 'origin', `https://github.com/${repo}.git`], { cwd: root });
  return root;
}

describe('real repositories at real release tags', () => {
  for (const c of cases) {
    it(`${c.repo} at ${c.tag} (${c.fixture})`, async () => {
      const root = await cloneOf(c.fixture, c.repo);
      const result = await runCheck({ root, tag: c.tag, env: {}, scope: 'manifests' });
      const findings = result.report.findings.map(
        (f) => `${f.ruleId} ${f.location?.file}:${f.location?.line}:${f.location?.column} ${f.expected}→${f.actual}`,
      );
      expect(findings).toEqual(c.findings);
      expect(result.exitCode).toBe(c.findings.length > 0 ? 1 : 0);
      // valid files give no warning; the expected notes are exactly those listed
      const diagnostics = result.diagnostics.map((d) => `${d.level} ${d.file} ${d.message}`);
      expect(result.diagnostics.filter((d) => d.level !== 'note')).toEqual([]);
      expect(diagnostics.length).toBe((c.diagnostics ?? []).length);
      for (const expected of c.diagnostics ?? []) {
        const [level, file, ...words] = expected.split(' ');
        expect(diagnostics.some((d) => d.startsWith(`${level} ${file} `) && d.includes(words.join(' ')))).toBe(true);
      }
    });
  }
});

describe('the release tag read from git, as in CI on a tag push', () => {
  const git = (cwd: string, args: string[]): void => {
    execFileSync('git', ['-c', 'user.name=tagcheck', '-c', 'user.email=tagcheck@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd });
  };

  it('descheduler: v0.28.1 at HEAD is clean; v0.29.0 cut on the same tree is found at the image line', async () => {
    const root = await cloneOf('kubernetes-sigs-descheduler-v0.28.1', 'kubernetes-sigs/descheduler');
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'release']);
    git(root, ['tag', '-a', 'v0.28.1', '-m', 'v0.28.1']);
    const clean = await runCheck({ root, env: {}, scope: 'manifests' });
    expect(clean.report.release).toMatchObject({ tag: 'v0.28.1', source: 'git' });
    expect(clean.report.findings).toEqual([]);

    git(root, ['tag', 'v0.29.0']);
    const drifted = await runCheck({ root, env: {}, scope: 'manifests' });
    // the highest semver tag at HEAD is the release
    expect(drifted.report.release).toMatchObject({ tag: 'v0.29.0', source: 'git' });
    expect(drifted.report.findings.map((f) => `${f.ruleId} ${f.location?.file}:${f.location?.line}:${f.location?.column}`)).toEqual([
      'image-tag-mismatch kubernetes/deployment/deployment.yaml:22:18',
    ]);
    expect(drifted.exitCode).toBe(1);
  });
});
