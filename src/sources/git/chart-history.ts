import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { gitEnvironment } from './run-git.js';

// What charts were at earlier revisions (src/engine/charts-released-apart.ts): loaded only when a chart lags the
// release, so that a check's start-up never evaluates the YAML parser for it.

/** The `appVersion` each `REVISION:PATH` Chart.yaml names, as text; null where there is no file, no value or no YAML. */
export async function chartAppVersionsAt(root: string, files: readonly { revision: string; path: string }[]): Promise<(string | null)[]> {
  return (await readFilesAtRevisions(root, files)).map((text) => (text === null ? null : appVersionIn(text)));
}

function appVersionIn(text: string): string | null {
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    return null;
  }
  const value = (data as { appVersion?: unknown } | null)?.appVersion;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/**
 * The text of each `REVISION:PATH` (a path relative to `root`, as `./PATH` says to git) at once, by one
 * `git cat-file --batch`; null for a file that is not there at that revision, and for all of them outside a
 * repository. Only what the revisions hold is read: the working tree is never touched.
 */
export function readFilesAtRevisions(root: string, files: readonly { revision: string; path: string }[]): Promise<(string | null)[]> {
  const specs = files.map(({ revision, path }) => `${revision}:./${path}`);
  // (a newline would end the spec early; no tag or path of ours holds one, but a hostile tree's might)
  if (specs.length === 0 || specs.some((spec) => spec.includes('\n'))) return Promise.resolve(specs.map(() => null));
  const { spawn } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  return new Promise((resolvePromise) => {
    const git = spawn('git', ['-C', root, 'cat-file', '--batch'], { env: gitEnvironment(), stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    git.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    // git missing or not a repository: nothing is known of any revision
    git.once('error', () => resolvePromise(specs.map(() => null)));
    git.stdin.on('error', () => undefined);
    git.once('close', (code) => resolvePromise(code === 0 ? batchAnswers(Buffer.concat(chunks), specs.length) : specs.map(() => null)));
    git.stdin.end(`${specs.join('\n')}\n`);
  });
}

/** `git cat-file --batch` output: `OID TYPE SIZE\n` + the object + `\n` per object, or `SPEC missing\n`. */
function batchAnswers(output: Buffer, count: number): (string | null)[] {
  const answers: (string | null)[] = [];
  let at = 0;
  while (answers.length < count && at < output.length) {
    const lineEnd = output.indexOf(0x0a, at);
    if (lineEnd < 0) break;
    const header = output.toString('utf8', at, lineEnd);
    at = lineEnd + 1;
    // (`SPEC missing` or `SPEC ambiguous`: the spec may hold blanks, the object line never does)
    const [, type, sizeText, ...rest] = header.split(' ');
    const size = rest.length === 0 && /^\d+$/.test(sizeText ?? '') ? Number(sizeText) : NaN;
    if (Number.isNaN(size)) {
      answers.push(null);
      continue;
    }
    answers.push(type === 'blob' ? output.toString('utf8', at, at + size) : null);
    at += size + 1;
  }
  while (answers.length < count) answers.push(null);
  return answers;
}
