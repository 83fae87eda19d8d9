import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);

// src/engine/tool.ts
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
var TOOL_NAME = "tagcheck";
var cachedVersion;
function toolVersion() {
  if (cachedVersion !== void 0) return cachedVersion;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, "utf8"));
        if (pkg.name === TOOL_NAME && pkg.version) return cachedVersion = pkg.version;
      } catch {
      }
    }
    dir = dirname(dir);
  }
  return cachedVersion = "0.0.0";
}

export {
  TOOL_NAME,
  toolVersion
};
