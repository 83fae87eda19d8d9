import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  extractFileFacts
} from "./chunk-RGLCWCIF.js";
import "./chunk-EDL2D4W5.js";

// src/sources/manifests/parse-pool.ts
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
var BATCH_BYTES = 256 * 1024;
var EMPTY = Buffer.alloc(0);
async function extractInParallel(jobs, workers) {
  const results = new Array(jobs.length);
  let next = 0;
  const takeBatch = () => {
    const batch = [];
    let bytes = 0;
    while (next < jobs.length && (batch.length === 0 || bytes < BATCH_BYTES)) {
      const id = next++;
      batch.push({ id, file: jobs[id].file, bytes: jobs[id].bytes });
      bytes += jobs[id].bytes.length;
      jobs[id].bytes = EMPTY;
    }
    return batch;
  };
  const url = workerUrl();
  const threads = url ? Array.from({ length: workers }, () => new Worker(url)) : [];
  const runWorker = (worker) => new Promise((resolve, reject) => {
    const send = () => {
      const files = takeBatch();
      if (files.length === 0) return resolve();
      worker.postMessage({ files });
    };
    worker.on("message", (response) => {
      for (const result of response.results) {
        if (result.error !== void 0 || !result.facts) return reject(new Error(result.error ?? "worker returned nothing"));
        results[result.id] = result.facts;
      }
      send();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`a parse worker stopped (exit code ${code})`)));
    send();
  });
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
function workerUrl() {
  for (const candidate of ["../src/sources/manifests/parse-worker.js", "./parse-worker.js"]) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return void 0;
}
export {
  extractInParallel
};
