import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeconfigYaml } from '../support/kube-emulator/index.js';

// client-node and its dependency tree are for `--cluster` only: a module resolve hook in the spawned process
// records every file of @kubernetes/client-node that is loaded, and a plain lint must record none.
const bin = fileURLToPath(new URL('../../bin/tagcheck.js', import.meta.url));
const run = promisify(execFile);

describe('@kubernetes/client-node loads only for a live --cluster', () => {
  let dir: string;
  let register: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tagcheck-lazy-'));
    writeFileSync(join(dir, 'hooks.mjs'), [
      "import { appendFileSync } from 'node:fs';",
      'export async function resolve(specifier, context, next) {',
      '  const result = await next(specifier, context);',
      "  if (result.url.includes('/@kubernetes/client-node/')) appendFileSync(process.env.TAGCHECK_TRACE, result.url + '\\n');",
      '  return result;',
      '}',
    ].join('\n'));
    register = join(dir, 'register.mjs');
    writeFileSync(register, "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
    mkdirSync(join(dir, 'project', 'deploy'), { recursive: true });
    writeFileSync(join(dir, 'project', 'deploy', 'app.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - {name: a, image: ghcr.io/acme/project:v1.0.0}\n');
    writeFileSync(join(dir, 'cluster.json'), JSON.stringify({ version: 1, context: 'prod', workloads: [], pods: [], faults: [] }));
    // an API server URL nothing listens on: the run fails fast with a finding, after loading client-node
    writeFileSync(join(dir, 'kubeconfig'), kubeconfigYaml({ server: 'https://127.0.0.1:9', token: 'x-token', context: 'prod' }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const loaded = async (name: string, args: string[]) => {
    const trace = join(dir, `${name}.trace`);
    await run(process.execPath, ['--import', register, bin, 'check', join(dir, 'project'), '--format', 'json', ...args], {
      env: { PATH: process.env.PATH, HOME: dir, TAGCHECK_TRACE: trace },
    }).catch((error: { code?: number }) => {
      if (error.code !== 1) throw error; // findings are fine, a crash is not
    });
    return existsSync(trace) ? readFileSync(trace, 'utf8').split('\n').filter(Boolean) : [];
  };

  it('a plain --offline lint never loads it', async () => {
    expect(await loaded('offline', ['--offline'])).toEqual([]);
  });

  it('--cluster-snapshot replays without it', async () => {
    expect(await loaded('snapshot', ['--scope', 'cluster', '--cluster-snapshot', join(dir, 'cluster.json')])).toEqual([]);
  });

  it('--cluster loads it (so the hook sees it when it is loaded)', async () => {
    const files = await loaded('live', ['--scope', 'cluster', '--cluster', '--kubeconfig', join(dir, 'kubeconfig'), '--timeout', '2000']);
    expect(files.some((url) => url.endsWith('/@kubernetes/client-node/dist/index.js'))).toBe(true);
  });
});
