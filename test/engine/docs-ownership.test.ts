import { beforeEach, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/engine/check.js';
import { originRepository, writeFiles } from '../support/origin-repo.js';

const deployment = (image: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ${image}\n`;
const fence = (line: string) => `# Guide\n\n\`\`\`sh\n${line}\n\`\`\`\n`;

let root: string;
beforeEach(() => {
  root = originRepository('contour', 'https://github.com/projectcontour/contour.git');
});

const check = async () => {
  const result = await runCheck({ root, env: {}, scope: 'manifests', tag: 'v1.33.6' });
  return {
    findings: result.report.findings.map((f) => `${f.ruleId} ${f.location?.file}:${f.location?.line} ${f.actual}`),
    notes: result.diagnostics.filter((d) => d.notChecked).map((d) => `${d.file}:${d.line} ${d.message.slice(0, d.message.indexOf(':'))}`),
  };
};

describe('own images only the docs name', () => {
  it('are versioned apart, with a note at their first reference, when plainly on another line than the release', async () => {
    await writeFiles(root, {
      'examples/contour.yaml': deployment('ghcr.io/projectcontour/contour:v1.33.6'),
      'docs/grpc.md': fence('kubectl run grpc-echo --image ghcr.io/projectcontour/yages:v0.1.0'),
    });
    expect(await check()).toEqual({
      findings: [],
      notes: ['docs/grpc.md:4 ghcr.io/projectcontour/yages is versioned apart from v1.33.6 (tagged v0.1.0; ghcr.io/projectcontour/contour follows v1.33.6)'],
    });
  });

  it('are still reported when a minor behind or named after the project; one the manifests use is decided with them', async () => {
    await writeFiles(root, {
      'examples/contour.yaml': deployment('ghcr.io/projectcontour/contour:v1.33.6'),
      'examples/old.yaml': deployment('ghcr.io/projectcontour/yages:v0.1.0'),
      'examples/shim.yaml': deployment('registry.k8s.io/projectcontour/shim:v1.33.6'),
      'docs/a.md': fence('docker pull ghcr.io/projectcontour/tool:v1.32.0'),
      'docs/b.md': fence('docker pull ghcr.io/projectcontour/contour-cli:v1.20.0'),
      'docs/c.md': fence('docker pull ghcr.io/projectcontour/yages:v0.1.0'),
      // the release's image on a staging registry is the manifests' image
      'docs/d.md': fence('docker pull us-central1-docker.pkg.dev/k8s-staging/projectcontour/shim:v1.20.0'),
    });
    const { findings } = await check();
    expect(findings).toEqual([
      'docs-version-stale docs/a.md:4 v1.32.0',
      'docs-version-stale docs/b.md:4 v1.20.0',
      'docs-version-stale docs/d.md:4 v1.20.0',
    ]);
  });
});
