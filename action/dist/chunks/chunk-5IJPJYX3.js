import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);

// src/model/finding.ts
function levelRank(level) {
  return level === "error" ? 3 : level === "warning" ? 2 : 1;
}

export {
  levelRank
};
