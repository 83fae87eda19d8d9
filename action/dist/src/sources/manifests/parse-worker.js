import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  extractFileFacts
} from "../../../chunks/chunk-RGLCWCIF.js";
import "../../../chunks/chunk-EDL2D4W5.js";

// src/sources/manifests/parse-worker.ts
import { parentPort } from "node:worker_threads";
parentPort?.on("message", (request) => {
  const results = request.files.map(({ id, file, bytes }) => {
    try {
      return { id, facts: extractFileFacts(bytes, file) };
    } catch (error) {
      return { id, error: error instanceof Error ? error.message : String(error) };
    }
  });
  parentPort.postMessage({ results });
});
