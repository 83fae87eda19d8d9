import { describe, expect, it } from 'vitest';
import { useColor } from '../../src/cli/color.js';
import { runCli, withTempDir } from './run-cli.js';

describe('useColor', () => {
  it.each([
    [true, {}, false, true],
    [false, {}, false, false],
    [true, {}, true, false],
    [true, { NO_COLOR: '1' }, false, false],
    // NO_COLOR only counts when it is non-empty (no-color.org)
    [true, { NO_COLOR: '' }, false, true],
    [false, { FORCE_COLOR: '1' }, false, true],
    [false, { FORCE_COLOR: '' }, false, true],
    [true, { FORCE_COLOR: '0' }, false, false],
    // NO_COLOR and --no-color win over FORCE_COLOR
    [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, false, false],
    [false, { FORCE_COLOR: '1' }, true, false],
  ] as const)('tty=%s env=%j --no-color=%s → %s', (isTTY, env, flag, expected) => {
    expect(useColor({ isTTY }, env, flag)).toBe(expected);
  });
});

describe('colour through the CLI', () => {
  const ESC = '\u001b[';
  it('a terminal gets colour, a pipe does not, NO_COLOR and --no-color turn it off', async () => {
    await withTempDir(async (dir) => {
      const base = { PATH: process.env.PATH };
      expect((await runCli([dir, '--offline'], { tty: true, env: base })).stdout).toContain(ESC);
      expect((await runCli([dir, '--offline'], { tty: false, env: base })).stdout).not.toContain(ESC);
      expect((await runCli([dir, '--offline'], { tty: true, env: { ...base, NO_COLOR: '1' } })).stdout).not.toContain(ESC);
      expect((await runCli([dir, '--offline', '--no-color'], { tty: true, env: base })).stdout).not.toContain(ESC);
      expect((await runCli([dir, '--offline'], { tty: false, env: { ...base, FORCE_COLOR: '1' } })).stdout).toContain(ESC);
    });
  });

  it('the report file never gets colour, even when forced', async () => {
    await withTempDir(async (dir) => {
      const run = await runCli([dir, '--offline', '--output', 'out.txt'], { cwd: dir, tty: true, env: { FORCE_COLOR: '1' } });
      expect(run.stderr).toContain(ESC);
      const { readFile } = await import('node:fs/promises');
      expect(await readFile(`${dir}/out.txt`, 'utf8')).not.toContain(ESC);
    });
  });
});
