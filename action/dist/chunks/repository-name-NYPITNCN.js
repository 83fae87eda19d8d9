import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  nameFromRemoteUrl,
  repositoryName
} from "./chunk-LGBWXCHG.js";
import "./chunk-H6OCJQU5.js";
import "./chunk-EDL2D4W5.js";
export {
  nameFromRemoteUrl,
  repositoryName
};
