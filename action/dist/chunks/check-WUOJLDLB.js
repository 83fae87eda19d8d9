import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  assertKnownRules,
  printDiagnostics,
  reporterFor,
  resolveClusterTarget,
  runCheckCommand
} from "./chunk-H373BJXB.js";
import "./chunk-STYJWAO3.js";
import "./chunk-QLKJLGZ4.js";
import "./chunk-5IJPJYX3.js";
import "./chunk-PDSSKBFH.js";
import "./chunk-QHD74W3V.js";
import "./chunk-KUNS46D5.js";
import "./chunk-CEIQVYX5.js";
import "./chunk-272LM65M.js";
import "./chunk-SD3N475L.js";
import "./chunk-ZGSLISQ6.js";
import "./chunk-43VJKAEJ.js";
import "./chunk-B5QR4CQI.js";
import "./chunk-RCVICTRH.js";
import "./chunk-4OAFZARK.js";
import "./chunk-AW26LPCX.js";
import "./chunk-ZCS2K2QW.js";
import "./chunk-LWRA4QVY.js";
import "./chunk-FI5HTOGP.js";
import "./chunk-FQ47HCOD.js";
import "./chunk-RPMDAMUC.js";
import "./chunk-3WXF3ZSY.js";
import "./chunk-EDL2D4W5.js";
export {
  assertKnownRules,
  printDiagnostics,
  reporterFor,
  resolveClusterTarget,
  runCheckCommand
};
