import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);

// src/model/platform.ts
var WINDOWS_RELEASES = {
  ltsc2019: "10.0.17763",
  "1809": "10.0.17763",
  ltsc2022: "10.0.20348",
  ltsc2025: "10.0.26100"
};
function parsePlatform(text) {
  const [spec, rawOsVersion] = text.trim().split(":", 2);
  const parts = spec.split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === "")) return null;
  const [os, architecture, variant] = parts.map((p) => p.toLowerCase());
  const osVersion = rawOsVersion ? WINDOWS_RELEASES[rawOsVersion.toLowerCase()] ?? rawOsVersion : void 0;
  return { os, architecture, ...variant ? { variant } : {}, ...osVersion ? { osVersion } : {} };
}
function formatPlatform(p) {
  const base = [p.os, p.architecture, p.variant].filter(Boolean).join("/");
  return p.osVersion ? `${base}:${p.osVersion}` : base;
}
function platformSatisfies(required, available) {
  if (required.os !== available.os || required.architecture !== available.architecture) return false;
  if ((required.variant ?? "") !== (available.variant ?? "")) {
    const implicitV8 = required.architecture === "arm64" && !required.variant && available.variant === "v8";
    if (!implicitV8) return false;
  }
  if (required.osVersion) {
    const have = available.osVersion ?? "";
    return have === required.osVersion || have.startsWith(`${required.osVersion}.`);
  }
  return true;
}

export {
  parsePlatform,
  formatPlatform,
  platformSatisfies
};
