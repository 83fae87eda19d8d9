/** Longest stretch of user text a one-line message repeats; the position already says where the rest is. */
const MAX_QUOTED = 80;

/**
 * User text inside a one-line message: double-quoted, control characters and line breaks escaped,
 * long values cut, so a value spanning lines cannot break the "one line per problem" promise.
 */
export function quote(text: string): string {
  const cut = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text;
  return JSON.stringify(cut).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A key inside a key path (`platforms.<key>`): printed bare when it is plain, quoted otherwise. */
export function keyText(key: string): string {
  return /^[\w./:*?@[\]{}-]{1,80}$/.test(key) ? key : quote(key);
}
