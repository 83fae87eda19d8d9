import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { runCli } from '../cli/run-cli.js';

const demo = fileURLToPath(new URL('../../fixtures/demo', import.meta.url));

/**
 * The demo in a folder whose name says nothing about the images (as a fresh clone might), outside this
 * repository, whose tags and `origin` would otherwise decide the release and the repository name.
 */
function demoCopy(): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'tagcheck-init-demo-')), 'checkout');
  cpSync(demo, copy, { recursive: true });
  return copy;
}

function demoWithoutConfig(): string {
  const copy = demoCopy();
  rmSync(join(copy, '.tagcheck.yaml'));
  return copy;
}

async function findings(root: string, ...args: string[]) {
  const run = await runCli(['check', root, '--offline', '--format', 'json', ...args]);
  expect(run.stderr).not.toContain('tagcheck: internal error');
  const report = JSON.parse(run.stdout);
  return { code: run.code, findings: report.findings, release: report.release };
}

describe('tagcheck init on the demo', () => {
  it('finds the three own images and writes a config that validates', async () => {
    const root = demoWithoutConfig();
    const init = await runCli(['init', root]);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('3 own images');
    const text = readFileSync(join(root, '.tagcheck.yaml'), 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=\S+tagcheck\.schema\.json$/);
    const config = await loadConfig(root);
    expect(config.images.map((image) => image.value)).toEqual(['ghcr.io/acme/shop-api', 'ghcr.io/acme/shop-web', 'ghcr.io/acme/shop-worker']);
    expect(text).toContain('Also referenced, treated as third-party: docker.io/library/redis');
    // The schema the first line points editors at accepts it too.
    const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../schema/tagcheck.schema.json', import.meta.url)), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([[[]], [['--tag', 'v1.4.0']]])('the written config, used as is, reproduces the demo findings (%j)', async (args: string[]) => {
    const root = demoWithoutConfig();
    expect((await runCli(['init', root])).code).toBe(0);
    const shipped = await findings(demoCopy(), ...args);
    const generated = await findings(root, ...args);
    expect(shipped.findings.length).toBeGreaterThan(0);
    expect(generated).toEqual(shipped);
  });
});
