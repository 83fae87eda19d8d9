// Standard output and error written straight to their file descriptors. process.stdout and process.stderr are
// streams Node builds on first use; over a pipe (CI logs, `tagcheck | jq`, a pre-push hook) that loads Node's net
// and stream modules, ~3 ms of a ~70 ms start-up (issue 12), for a check that writes its report once.
// A terminal still gets the stream (node:tty tells a terminal from other character devices, and Windows consoles
// need its encoding), and so does the rest of the output once a descriptor cannot take a write now: EAGAIN, a non-blocking
// pipe that is full, such as a Node parent's own stdout inherited by tagcheck. The stream then waits for the reader.
import { fstatSync, statSync, writeSync } from 'node:fs';

export interface Output {
  write(text: string): unknown;
  readonly isTTY: boolean;
}

export function descriptorOutput(fd: number, stream: () => NodeJS.WriteStream): Output {
  let fallback: NodeJS.WriteStream | undefined;
  // a reader that went away (`tagcheck | head -1`) ends the output quietly; the run still ends with its exit code
  let closed = false;
  const useStream = (): NodeJS.WriteStream => {
    if (!fallback) {
      fallback = stream();
      fallback.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
        closed = true;
      });
    }
    return fallback;
  };
  let tty: boolean | undefined;
  const isTTY = (): boolean => (tty ??= (process.platform === 'win32' || mayBeTerminal(fd)) && useStream().isTTY === true);
  return {
    get isTTY() {
      return isTTY();
    },
    write(text: string): boolean {
      if (closed) return false;
      if (fallback || isTTY()) return fallback!.write(text);
      const bytes = Buffer.from(text, 'utf8');
      let written = 0;
      try {
        while (written < bytes.length) written += writeSync(fd, bytes, written);
        return true;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // EBADF: no descriptor at all (the parent closed it), so nobody reads this either
        if (code === 'EPIPE' || code === 'EBADF') return !(closed = true);
        if (code !== 'EAGAIN') throw error;
        return useStream().write(bytes.subarray(written));
      }
    },
  };
}

/** A character device other than the null device (`> /dev/null` is common in hooks and needs no stream). */
function mayBeTerminal(fd: number): boolean {
  try {
    const device = fstatSync(fd);
    if (!device.isCharacterDevice()) return false;
    const nul = statSync('/dev/null', { throwIfNoEntry: false });
    return !nul || nul.rdev !== device.rdev;
  } catch {
    return false;
  }
}
