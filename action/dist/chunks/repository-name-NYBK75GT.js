import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  nameFromRemoteUrl,
  originUrl,
  resolveRepositoryName,
  resolveRepositorySlug,
  slugFromRemoteUrl
} from "./chunk-XXZ2UYBR.js";
import "./chunk-AW26LPCX.js";
import "./chunk-EDL2D4W5.js";
export {
  nameFromRemoteUrl,
  originUrl,
  resolveRepositoryName,
  resolveRepositorySlug,
  slugFromRemoteUrl
};
