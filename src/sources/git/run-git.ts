import { createRequire } from 'node:module';

/** A git command that failed, with git's first line of complaint. */
export class GitCommandError extends Error {
  override name = 'GitCommandError';
}

/**
 * Variables git sets for hooks (`GIT_DIR`, `GIT_INDEX_FILE`, …) that would point `git -C <root>` at another
 * repository or index: tagcheck always names the repository by directory, so they are dropped.
 */
const REPOSITORY_LOCAL_VARIABLES = [
  'GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_NAMESPACE', 'GIT_QUARANTINE_PATH',
];

export function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  for (const name of REPOSITORY_LOCAL_VARIABLES) delete env[name];
  return env;
}

/** Runs `git -C root …` without a shell; rejects with GitCommandError (git missing, not a repository, …). */
export async function runGit(root: string, args: string[]): Promise<string> {
  // child_process loads on the first git command: a check given --tag and images: runs none (start-up). By
  // require, not import(): import() would start Node's ES module loader in the CommonJS bundle (src/cli/launch.ts).
  const { execFile } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  return new Promise((resolvePromise, reject) => {
    execFile('git', ['-C', root, ...args], { env: gitEnvironment(), maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      if (!error) return resolvePromise(stdout);
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : firstLine(String(stderr)) || error.message;
      reject(new GitCommandError(reason));
    });
  });
}

/** Like runGit, but "no answer" (not a repository, git missing, no such remote) is null: those steps are optional. */
export async function tryGit(root: string, args: string[]): Promise<string | null> {
  try {
    return await runGit(root, args);
  } catch {
    return null;
  }
}

export function firstLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? '';
}
