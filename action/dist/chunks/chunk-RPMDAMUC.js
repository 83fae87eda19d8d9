import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);

// src/model/errors.ts
var InputError = class extends Error {
  name = "InputError";
};

export {
  InputError
};
