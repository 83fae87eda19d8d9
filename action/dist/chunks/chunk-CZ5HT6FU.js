import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);

// src/engine/tool.ts
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
var TOOL_NAME = "tagcheck";
var cachedVersion;
var cachedBuildId;
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
function buildId() {
  if (cachedBuildId !== void 0) return cachedBuildId;
  if (true) return cachedBuildId = "75009f627afd3e77";
  const root = packageRoot();
  const hash = createHash("sha256");
  let hashed = 0;
  for (const folder of ["src", "rules"]) {
    const dir = root ? join(root, folder) : void 0;
    if (!dir || !existsSync(dir)) continue;
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? entry.path, entry.name)).sort();
    for (const file of files) {
      hash.update(`${file.slice(root.length)}\0`).update(readFileSync(file)).update("\0");
      hashed++;
    }
  }
  const lockfile = root ? join(root, "package-lock.json") : void 0;
  if (lockfile && existsSync(lockfile)) hash.update(readFileSync(lockfile));
  return cachedBuildId = hashed > 0 ? `src-${hash.digest("hex").slice(0, 16)}` : `run-${randomBytes(8).toString("hex")}`;
}
function packageRoot() {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      try {
        if (JSON.parse(readFileSync(file, "utf8")).name === TOOL_NAME) return dir;
      } catch {
      }
    }
    dir = dirname(dir);
  }
  return void 0;
}

export {
  TOOL_NAME,
  toolVersion,
  buildId
};
