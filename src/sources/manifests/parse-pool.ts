import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { extractFileFacts, type FileFacts } from './file-facts.js';
import type { ParseRequest, ParseResponse } from './parse-worker.js';

/** Files are sent in batches of about this size: few messages, and the threads finish close together. */
const BATCH_BYTES = 256 * 1024;
const EMPTY = Buffer.alloc(0);

export interface ParseJob {
  file: string;
  bytes: Buffer;
}

/**
 * Extracts the facts of many files on this thread and `workers` worker threads at once (parsing YAML is all
 * CPU; 12,000 documents take seconds on one core). Each thread takes the next batch from one queue, so a slow
 * thread never holds the others up. Results come back in job order; each job's bytes are released (set to an
 * empty buffer) once parsed or sent.
 */
export async function extractInParallel(jobs: ParseJob[], workers: number): Promise<FileFacts[]> {
  const results: FileFacts[] = new Array(jobs.length);
  let next = 0;
  const takeBatch = (): ParseRequest['files'] => {
    const batch: ParseRequest['files'] = [];
    let bytes = 0;
    while (next < jobs.length && (batch.length === 0 || bytes < BATCH_BYTES)) {
      const id = next++;
      batch.push({ id, file: jobs[id].file, bytes: jobs[id].bytes });
      bytes += jobs[id].bytes.length;
      // posting copies the bytes: drop this thread's copy so the text is held once (peak RSS)
      jobs[id].bytes = EMPTY;
    }
    return batch;
  };
  const url = workerUrl();
  const threads = url ? Array.from({ length: workers }, () => new Worker(url)) : [];
  const runWorker = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        const files = takeBatch();
        if (files.length === 0) return resolve();
        worker.postMessage({ files } satisfies ParseRequest);
      };
      worker.on('message', (response: ParseResponse) => {
        for (const result of response.results) {
          if (result.error !== undefined || !result.facts) return reject(new Error(result.error ?? 'worker returned nothing'));
          results[result.id] = result.facts;
        }
        send();
      });
      worker.once('error', reject);
      // a worker that dies without an error event (killed) must not leave the run waiting; after resolve, a no-op
      worker.once('exit', (code) => reject(new Error(`a parse worker stopped (exit code ${code})`)));
      send();
    });
  // This thread parses too, one file at a time, yielding between files so the workers' answers are handled.
  const runHere = async () => {
    while (next < jobs.length) {
      const id = next++;
      results[id] = extractFileFacts(jobs[id].bytes, jobs[id].file);
      jobs[id].bytes = EMPTY;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  try {
    await Promise.all([...threads.map(runWorker), runHere()]);
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
  return results;
}

/**
 * The worker's entry file: bundled (scripts/bundle.mjs), parse-worker.cjs beside the bundle this module is part
 * of. Run from the TypeScript sources (tests) there is no JavaScript entry, and everything is parsed on this thread.
 */
function workerUrl(): URL | undefined {
  const url = new URL('./parse-worker.cjs', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}
