import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  assertKnownRules,
  printDiagnostics,
  reporterFor,
  resolveClusterTarget,
  runCheckCommand
} from "./chunk-DYNN2D6K.js";
import "./chunk-STYJWAO3.js";
import "./chunk-34ZEWTZ2.js";
import "./chunk-5IJPJYX3.js";
import "./chunk-G6VOG326.js";
import "./chunk-QHD74W3V.js";
import "./chunk-KUNS46D5.js";
import "./chunk-CEIQVYX5.js";
import "./chunk-272LM65M.js";
import "./chunk-JUDT4YET.js";
import "./chunk-VE2YSD54.js";
import "./chunk-43VJKAEJ.js";
import "./chunk-B5QR4CQI.js";
import "./chunk-4OAFZARK.js";
import "./chunk-AW26LPCX.js";
import "./chunk-GNG5VSIP.js";
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
