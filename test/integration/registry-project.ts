import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { pushImage, type AccessLogEntry, type TestRegistry } from '../support/registry/index.js';

// The small project and registry state the registry integration suites (scenarios, auth) share.

export const both = { platforms: ['linux/amd64', 'linux/arm64'] };

export async function olderReleases(registry: TestRegistry, repo: string): Promise<void> {
  await pushImage(registry, repo, 'v1.2.1', both);
  await pushImage(registry, repo, 'v1.2.2', both);
}

/** A small project: config naming the own images, and a Deployment with the own image and a third-party one. */
export function writeProject(
  dir: string,
  host: string,
  prefix: string,
  options: { components?: string[]; appTag?: string; platforms?: string[] } = {},
): void {
  mkdirSync(join(dir, 'deploy'), { recursive: true });
  const components = options.components ?? [];
  writeFileSync(
    join(dir, '.tagcheck.yaml'),
    [
      'images:',
      `  - ${host}/${prefix}/app`,
      ...(components.length ? ['components:', ...components.map((c) => `  - ${host}/${prefix}/${c}`)] : []),
      ...(options.platforms ?? ['platforms: [linux/amd64, linux/arm64]']),
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'deploy', 'app.yaml'),
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  selector:
    matchLabels: { app: app }
  template:
    metadata:
      labels: { app: app }
    spec:
      containers:
        - name: app
          image: ${host}/${prefix}/app:${options.appTag ?? 'v1.2.3'}
        - name: cache
          image: ${host}/vendor/redis:7.2
`,
  );
}

export function isolatedEnv(): NodeJS.ProcessEnv {
  return { HOME: mkdtempSync(join(tmpdir(), 'tagcheck-home-')), PATH: process.env.PATH };
}

/**
 * Registry questions of one run: manifest and tag-list requests, by path (blobs aside), answered ones only: an
 * authenticated registry's one 401 to the first, unauthenticated request (how the client learns the challenge;
 * there is no /v2/ ping) is counted by the tests that use auth.
 */
export function questionsAsked(log: AccessLogEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of log) {
    if (entry.status === 401 || !/\/(manifests\/[^/]+|tags\/list)$/.test(entry.path)) continue;
    counts.set(entry.path, (counts.get(entry.path) ?? 0) + 1);
  }
  return counts;
}

export interface JsonFinding {
  ruleId: string;
  message: string;
  location?: { file: string; line: number; column: number };
}

/**
 * `check DIR --tag v1.2.3 --format json` against the real registry, whose stderr must be empty: the run, its
 * findings, what the registry was asked meanwhile, and the arguments and environment to record a snapshot of it.
 */
export async function checkLive(registry: TestRegistry, dir: string) {
  const env = isolatedEnv();
  const common = [dir, '--tag', 'v1.2.3', '--insecure-registry', registry.host];
  const cursor = await registry.logCursor();
  const live = await runCli([...common, '--format', 'json'], { env });
  const log = await registry.accessLog(cursor);
  expect(live.stderr).toBe('');
  return { env, common, live, log, findings: JSON.parse(live.stdout).findings as JsonFinding[] };
}

/**
 * Records a snapshot of that check and replays it: the replay must give the live run's findings and exit code.
 * Returns the snapshot file.
 */
export async function expectSnapshotReplays(dir: string, run: Awaited<ReturnType<typeof checkLive>>): Promise<string> {
  const snapshotFile = join(dir, 'snapshot.json');
  const recorded = await runCli(['snapshot', ...run.common, '--output', snapshotFile, '--quiet'], { env: run.env });
  expect(recorded.code, recorded.stderr).toBe(0);
  const replayed = await runCli([dir, '--tag', 'v1.2.3', '--registry-snapshot', snapshotFile, '--format', 'json'], { env: run.env });
  expect(JSON.parse(replayed.stdout).findings).toEqual(run.findings);
  expect(replayed.code).toBe(run.live.code);
  return snapshotFile;
}
