import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOOK_MARKER, runHookCommand } from '../../src/cli/hook.js';
import { InputError } from '../../src/model/errors.js';
import { captureIO, git, makeRepo } from './git-repo.js';

describe('tagcheck hook install', () => {
  it('writes an executable pre-push hook that runs tagcheck hook pre-push, and is idempotent', async () => {
    const root = makeRepo('app', { 'README.md': 'x\n' });
    const io = captureIO(root);
    expect(await runHookCommand(['install'], io)).toBe(0);
    const hook = join(root, '.git/hooks/pre-push');
    const script = readFileSync(hook, 'utf8');
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script).toContain(HOOK_MARKER);
    expect(script).toContain('hook pre-push');
    expect(script).toMatch(/bin\/tagcheck\.js'/);
    expect(statSync(hook).mode & 0o111).toBe(0o111);
    expect(io.out()).toContain('installed the pre-push hook');
    // sh -n: the script parses.
    execFileSync('sh', ['-n', hook]);

    const again = captureIO(root);
    expect(await runHookCommand(['install', root], again)).toBe(0);
    expect(readFileSync(hook, 'utf8')).toBe(script);
    expect(again.out()).toContain('already up to date');
  });

  it('refuses to overwrite a foreign hook unless --force, and keeps the old one', async () => {
    const root = makeRepo('app', { 'README.md': 'x\n' });
    const hook = join(root, '.git/hooks/pre-push');
    writeFileSync(hook, '#!/bin/sh\necho mine\n', { mode: 0o755 });
    await expect(runHookCommand(['install'], captureIO(root))).rejects.toThrow(InputError);
    await expect(runHookCommand(['install'], captureIO(root))).rejects.toThrow(/pre-push exists and was not written by tagcheck; rerun with --force/);
    expect(readFileSync(hook, 'utf8')).toBe('#!/bin/sh\necho mine\n');

    expect(await runHookCommand(['install', '--force'], captureIO(root))).toBe(0);
    expect(readFileSync(hook, 'utf8')).toContain(HOOK_MARKER);
    expect(readFileSync(`${hook}.before-tagcheck`, 'utf8')).toBe('#!/bin/sh\necho mine\n');
  });

  it('honours core.hooksPath', async () => {
    const root = makeRepo('app', { 'README.md': 'x\n' });
    git(root, 'config', 'core.hooksPath', 'githooks');
    expect(await runHookCommand(['install'], captureIO(root))).toBe(0);
    expect(readFileSync(join(root, 'githooks/pre-push'), 'utf8')).toContain(HOOK_MARKER);
    expect(existsSync(join(root, '.git/hooks/pre-push'))).toBe(false);
  });

  it('records a project folder inside the repository and passes check options through', async () => {
    const root = makeRepo('mono', { 'services/app/README.md': 'x\n' });
    expect(await runHookCommand(['install', 'services/app', '--', '--scope', 'all'], captureIO(root))).toBe(0);
    const script = readFileSync(join(root, '.git/hooks/pre-push'), 'utf8');
    expect(script).toContain(`hook pre-push '--dir' 'services/app' '--scope' 'all' -- "$@"`);
  });

  it('fails with one clear error outside a git repository or for a missing PATH', async () => {
    const root = makeRepo('app', { 'README.md': 'x\n' });
    await expect(runHookCommand(['install', join(root, 'nope')], captureIO(root))).rejects.toThrow(/is not a directory/);
    const outside = join(root, '..');
    await expect(runHookCommand(['install', outside], captureIO(outside))).rejects.toThrow(/is not inside a git repository/);
    await expect(runHookCommand(['install', '--frobnicate'], captureIO(root))).rejects.toThrow(/unknown option "--frobnicate"/);
  });
});

describe('tagcheck hook usage', () => {
  it('prints usage on --help (exit 0), and on stderr without a subcommand (exit 2); rejects unknown subcommands', async () => {
    const help = captureIO('/');
    expect(await runHookCommand(['install', '--help'], help)).toBe(0);
    expect(help.out()).toContain('tagcheck hook install [PATH] [--force]');
    const bare = captureIO('/');
    expect(await runHookCommand([], bare)).toBe(2);
    expect(bare.err()).toContain('tagcheck hook pre-push');
    expect(bare.out()).toBe('');
    await expect(runHookCommand(['uninstall'], captureIO('/'))).rejects.toThrow(/unknown subcommand "uninstall" \(allowed: install, pre-push\)/);
  });
});
