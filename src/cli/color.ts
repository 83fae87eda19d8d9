/**
 * Whether a stream gets colour: `--no-color` and `NO_COLOR` (any non-empty value, per no-color.org) always win;
 * `FORCE_COLOR` (other than `0`/`false`) forces it; otherwise only a terminal gets colour.
 */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true;
}
