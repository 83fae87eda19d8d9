import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);

// src/config/quote.ts
var MAX_QUOTED = 80;
function quote(text) {
  const cut = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}\u2026` : text;
  return JSON.stringify(cut).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function keyText(key) {
  return /^[\w./:*?@[\]{}-]{1,80}$/.test(key) ? key : quote(key);
}

export {
  quote,
  keyText
};
