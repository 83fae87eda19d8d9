// The 3-file repository of the start-up rows (bench/offline.mjs) and of the Markdown rows (bench/docs-startup.mjs):
// a config, one kustomization, one Deployment, committed so it is a real git repository. One writer, so the
// Markdown rows' "without it" really is the start-up row's repository.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new temp folder holding the tiny repository, plus `extraFiles` (name → text), with `origin` when given. */
export function tinyRepository(prefix, { extraFiles = {}, origin } = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, '.tagcheck.yaml'), 'images:\n  - ghcr.io/acme/app\n');
  mkdirSync(join(dir, 'deploy'));
  writeFileSync(join(dir, 'deploy', 'kustomization.yaml'),
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - app.yaml\nimages:\n  - name: ghcr.io/acme/app\n    newTag: v1.0.0\n');
  writeFileSync(join(dir, 'deploy', 'app.yaml'), [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: app', 'spec:', '  template:', '    spec:',
    '      containers:', '        - name: app', '          image: ghcr.io/acme/app:v1.0.0', '',
  ].join('\n'));
  for (const [name, text] of Object.entries(extraFiles)) writeFileSync(join(dir, name), text);
  const git = (...a) => execFileSync('git', a, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  if (origin) git('remote', 'add', 'origin', origin);
  git('add', '.');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-qm', 'tiny');
  return dir;
}
