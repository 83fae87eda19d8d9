import { parentPort } from 'node:worker_threads';
import { extractFileFacts } from './file-facts.js';

/** A worker_threads entry (parse-pool.ts): extracts the facts of each file it is sent and posts them back. */
export interface ParseRequest {
  files: Array<{ id: number; file: string; bytes: Uint8Array }>;
}
export interface ParseResponse {
  results: Array<{ id: number; facts?: ReturnType<typeof extractFileFacts>; error?: string }>;
}

parentPort?.on('message', (request: ParseRequest) => {
  const results: ParseResponse['results'] = request.files.map(({ id, file, bytes }) => {
    try {
      return { id, facts: extractFileFacts(bytes, file) };
    } catch (error) {
      return { id, error: error instanceof Error ? error.message : String(error) };
    }
  });
  parentPort!.postMessage({ results } satisfies ParseResponse);
});
