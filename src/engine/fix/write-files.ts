import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { chmod, chown, open, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../model/errors.js';
import { describeError } from '../../sources/manifests/manifest-bytes.js';

/** One file as `fix` read it, before any edit: the bytes decide later whether someone else changed it. */
export interface ReadFile {
  /** relative to the root, `/` separators (for messages) */
  file: string;
  /** the real path (symlinks resolved, so a symlinked manifest's target is edited, not replaced by a copy) */
  absolute: string;
  bytes: Buffer;
  /** the text without its byte-order mark, which positions do not count */
  text: string;
  bom: boolean;
  mode: number;
  uid: number;
  gid: number;
}

/** The file system `fix` touches, replaceable in tests (a reader that fails as chmod 000 does for non-root). */
export interface FixFileSystem {
  readFile(absolute: string): Promise<Buffer>;
}

export const nodeFileSystem: FixFileSystem = { readFile: (absolute) => readFile(absolute) };

/** Reads a file to edit; any failure is the run's failure (one line, exit 2): `fix` never half-edits a release. */
export async function readForFix(root: string, file: string, fs: FixFileSystem): Promise<ReadFile> {
  try {
    const absolute = await realpath(path.join(root, file));
    const info = await stat(absolute);
    if (!info.isFile()) throw new InputError(`${file}: not a regular file; nothing written`);
    const bytes = await fs.readFile(absolute);
    if (!isUtf8(bytes)) throw new InputError(`${file}: not valid UTF-8; nothing written`);
    const decoded = bytes.toString('utf8');
    const bom = decoded.charCodeAt(0) === 0xfeff;
    return { file, absolute, bytes, text: bom ? decoded.slice(1) : decoded, bom, mode: info.mode & 0o7777, uid: info.uid, gid: info.gid };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: cannot be read: ${describeError(error)}; nothing written`);
  }
}

export interface PendingWrite {
  read: ReadFile;
  /** the edited text, without the byte-order mark (added back when the original had one) */
  text: string;
}

export interface WriteOptions {
  /**
   * Called after every temporary file is written and before any is renamed into place: the moment another
   * process could still change a file. Tests use it to do exactly that.
   */
  beforeCommit?: () => Promise<void> | void;
}

/**
 * Writes every changed file atomically: each goes to a temporary file in its own folder (same file system, so
 * rename is atomic) with the original's mode, then, once all are written and every original is proved unchanged
 * since it was read, each is renamed over its original. Any failure removes the temporary files and is one line,
 * exit 2; no file is ever left half-written.
 */
export async function writeAtomically(writes: readonly PendingWrite[], options: WriteOptions = {}): Promise<void> {
  for (const { read } of writes) {
    // root may write anywhere; a file without write permission is still somebody's decision not to change it
    if ((read.mode & 0o222) === 0) throw new InputError(`${read.file}: read-only file (mode ${(read.mode & 0o777).toString(8)}); nothing written`);
  }
  const temporaries: { write: PendingWrite; temporary: string }[] = [];
  try {
    for (const write of writes) {
      const temporary = temporaryPathFor(write.read.absolute);
      temporaries.push({ write, temporary });
      await writeTemporary(write, temporary);
    }
    await options.beforeCommit?.();
    for (const { write } of temporaries) await assertUnchanged(write.read);
    for (const { write, temporary } of temporaries) {
      await rename(temporary, write.read.absolute).catch((error: unknown) => {
        throw new InputError(`${write.read.file}: cannot be replaced: ${describeError(error)}`);
      });
    }
  } finally {
    // after a successful rename the temporary no longer exists; force ignores that
    await Promise.all(temporaries.map(({ temporary }) => rm(temporary, { force: true })));
  }
}

function temporaryPathFor(absolute: string): string {
  return path.join(path.dirname(absolute), `.${path.basename(absolute)}.tagcheck-fix-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

async function writeTemporary({ read, text }: PendingWrite, temporary: string): Promise<void> {
  const bytes = Buffer.from(read.bom ? `\ufeff${text}` : text, 'utf8');
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // the umask shapes `open`'s mode; chmod sets the original's exactly
    await chmod(temporary, read.mode);
    if (process.getuid?.() === 0) await chown(temporary, read.uid, read.gid).catch(() => undefined);
  } catch (error) {
    throw new InputError(`${read.file}: cannot write next to it (${describeError(error)}); nothing written`);
  }
}

async function assertUnchanged(read: ReadFile): Promise<void> {
  const now = await readFile(read.absolute).catch((error: unknown) => {
    throw new InputError(`${read.file}: cannot be read again before writing (${describeError(error)}); nothing written`);
  });
  if (!now.equals(read.bytes)) {
    throw new InputError(`${read.file}: changed while tagcheck fix was editing it; nothing written (run fix again)`);
  }
}
