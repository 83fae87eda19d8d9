import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  assertKnownRules,
  printDiagnostics,
  reporterFor,
  resolveClusterTarget,
  runCheckCommand
} from "./chunk-4UYPJBK6.js";
import "./chunk-STYJWAO3.js";
import "./chunk-EJ6DAGC5.js";
import "./chunk-5IJPJYX3.js";
import "./chunk-R6KRTAM5.js";
import "./chunk-QHD74W3V.js";
import "./chunk-KUNS46D5.js";
import "./chunk-CEIQVYX5.js";
import "./chunk-272LM65M.js";
import "./chunk-O3UQAMC2.js";
import "./chunk-VE2YSD54.js";
import "./chunk-43VJKAEJ.js";
import "./chunk-B5QR4CQI.js";
import "./chunk-4OAFZARK.js";
import "./chunk-AW26LPCX.js";
import "./chunk-ZCS2K2QW.js";
import "./chunk-3ZF5C6TM.js";
import "./chunk-FI5HTOGP.js";
import "./chunk-RCVICTRH.js";
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
