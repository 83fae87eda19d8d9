/**
 * The run itself cannot go on (bad flag, missing PATH, invalid config): the CLI prints the message as one
 * line on stderr and exits 2. The message names the file and the problem; it never carries a stack trace.
 */
export class InputError extends Error {
  override name = 'InputError';
}
