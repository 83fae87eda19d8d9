import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  nameFromRemoteUrl,
  repositoryName,
  resolveRepositoryName,
  resolveRepositorySlug,
  slugFromRemoteUrl
} from "./chunk-TFSRP5OU.js";
import "./chunk-AW26LPCX.js";
import "./chunk-EDL2D4W5.js";
export {
  nameFromRemoteUrl,
  repositoryName,
  resolveRepositoryName,
  resolveRepositorySlug,
  slugFromRemoteUrl
};
