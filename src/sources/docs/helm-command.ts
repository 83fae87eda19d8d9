/**
 * `helm install|upgrade … CHART --version X` in a code snippet: the chart argument and the version text with its
 * offset. Words are split the way a shell would for the cases install instructions use: quotes, backslash line
 * continuations (`\` at the end of a line, also before CRLF), and a command ending at a newline, `;`, `|`, `&` or
 * a `#` comment.
 */
export interface HelmInstall {
  /** the chart's name: the last path segment of the chart argument */
  chart: string;
  /** the chart argument as written */
  written: string;
  version: string;
  /** offset of the version text */
  versionOffset: number;
}

interface Word {
  text: string;
  /**
   * Where `text` comes from: pairs of (index in `text`, offset in the snippet) that start each contiguous run of it
   * (a quote or a line continuation starts a new run), so a word is sliced, not built character by character.
   */
  runs: number[];
}

/** The snippet offset of character `index` of a word. */
function offsetOf(word: Word, index: number): number {
  let run = 0;
  while (run + 2 < word.runs.length && word.runs[run + 2] <= index) run += 2;
  return word.runs[run + 1] + index - word.runs[run];
}

/** Flags whose value is the next word (`--namespace kube-system`); the others are booleans or use `=`. */
const VALUE_FLAGS = new Set([
  '-n', '--namespace', '-f', '--values', '--set', '--set-string', '--set-file', '--set-json', '--set-literal', '--repo',
  '--kube-context', '--kubeconfig', '--kube-apiserver', '--kube-token', '--kube-as-user', '--kube-as-group', '--kube-ca-file',
  '--timeout', '-o', '--output', '--post-renderer', '--post-renderer-args', '--username', '--password', '--ca-file',
  '--cert-file', '--key-file', '--description', '--name-template', '--registry-config', '--repository-cache',
  '--repository-config', '--labels', '-l', '--history-max', '--burst-limit', '--qps',
]);

/** The `helm install|upgrade` command starting at `start` (the `h` of `helm`), read no further than `end`. */
export function helmInstall(text: string, start: number, end: number): HelmInstall | null {
  if (!mayInstall(text, start, end)) return null;
  return parseHelmCommand(shellWords(text, start, end));
}

/**
 * False when the word after `helm` is plainly another subcommand (`helm repo add …`): most helm commands in docs
 * are not installs, and are then not split into words. Anything a shell would rewrite (a quote, a backslash) or a
 * flag before the subcommand goes to the full parse.
 */
function mayInstall(text: string, start: number, end: number): boolean {
  let at = start + 'helm'.length;
  while (at < end && (text[at] === ' ' || text[at] === '\t' || text[at] === '\r')) at++;
  let wordEnd = at;
  for (; wordEnd < end; wordEnd++) {
    const char = text[wordEnd];
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n' || char === ';' || char === '|' || char === '&') break;
    if (char === '"' || char === "'" || char === '\\') return true;
  }
  if (text[at] === '-') return true;
  const word = wordEnd - at;
  return word === 7 && (text.startsWith('install', at) || text.startsWith('upgrade', at));
}

function parseHelmCommand(words: Word[]): HelmInstall | null {
  let i = 1;
  // global flags may come before the subcommand (`helm --kube-context prod upgrade …`)
  while (i < words.length && words[i].text.startsWith('-')) i += VALUE_FLAGS.has(words[i].text) ? 2 : 1;
  const subcommand = words[i]?.text;
  if (subcommand !== 'install' && subcommand !== 'upgrade') return null;
  const positional: Word[] = [];
  let version: { text: string; offset: number } | undefined;
  for (let j = i + 1; j < words.length; j++) {
    const word = words[j];
    if (word.text === '--version') {
      const value = words[++j];
      if (value && value.text !== '') version = { text: value.text, offset: offsetOf(value, 0) };
    } else if (word.text.startsWith('--version=')) {
      const at = '--version='.length;
      if (word.text.length > at) version = { text: word.text.slice(at), offset: offsetOf(word, at) };
    } else if (word.text.startsWith('-')) {
      if (VALUE_FLAGS.has(word.text)) j++;
    } else {
      positional.push(word);
    }
  }
  // `install [NAME] CHART`, `upgrade RELEASE CHART`: the chart is the last positional argument
  const chartArgument = positional[positional.length - 1]?.text;
  if (!version || !chartArgument) return null;
  const path = chartArgument.replace(/[?#].*$/, '').replace(/\/+$/, '');
  // a chart archive URL names its version in the file name, not in --version
  if (/\.tgz$/i.test(path)) return null;
  const chart = path.slice(path.lastIndexOf('/') + 1);
  if (chart === '') return null;
  return { chart, written: chartArgument, version: version.text, versionOffset: version.offset };
}

/** The words of the command that starts at `start`, up to its end. */
function shellWords(code: string, start: number, end: number): Word[] {
  const words: Word[] = [];
  let word: Word | null = null;
  // where the word's current run of characters started, or -1 between runs
  let runStart = -1;
  let quote = '';
  const endRun = (at: number) => {
    if (word && runStart >= 0) word.text += code.slice(runStart, at);
    runStart = -1;
  };
  const extend = (at: number) => {
    word ??= { text: '', runs: [] };
    if (runStart < 0) {
      word.runs.push(word.text.length, at);
      runStart = at;
    }
  };
  const finish = (at: number) => {
    endRun(at);
    if (word) words.push(word);
    word = null;
  };
  let i = start;
  for (; i < end; i++) {
    const char = code[i];
    if (quote) {
      if (char === quote) {
        endRun(i);
        quote = '';
      } else if (char === '\n') break;
      else extend(i);
      continue;
    }
    if (char === '\\' && (code[i + 1] === '\n' || (code[i + 1] === '\r' && code[i + 2] === '\n'))) {
      // a continued line; in a blockquote the next line starts with `>`, which is not part of the command
      finish(i);
      i += code[i + 1] === '\r' ? 2 : 1;
      while (code[i + 1] === ' ' || code[i + 1] === '\t' || code[i + 1] === '>') i++;
      continue;
    }
    if (char === '\n' || char === ';' || char === '|' || char === '&') break;
    if (char === ' ' || char === '\t' || char === '\r') {
      finish(i);
      continue;
    }
    if (char === '#' && word === null) break;
    if (char === '"' || char === "'") {
      endRun(i);
      quote = char;
      word ??= { text: '', runs: [] };
      continue;
    }
    extend(i);
  }
  finish(i);
  return words;
}
