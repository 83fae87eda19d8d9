import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  assertKnownRules,
  printDiagnostics,
  reporterFor,
  resolveClusterTarget,
  runCheckCommand
} from "./chunk-AM2E5ZJ7.js";
import "./chunk-STYJWAO3.js";
import "./chunk-CZFZKE5S.js";
import "./chunk-5IJPJYX3.js";
import "./chunk-WDDRPYW6.js";
import "./chunk-QHD74W3V.js";
import "./chunk-KUNS46D5.js";
import "./chunk-CEIQVYX5.js";
import "./chunk-272LM65M.js";
import "./chunk-RABHKAK2.js";
import "./chunk-QTGHFAY2.js";
import "./chunk-43VJKAEJ.js";
import "./chunk-B5QR4CQI.js";
import "./chunk-TFSRP5OU.js";
import "./chunk-AW26LPCX.js";
import "./chunk-ITANVYXK.js";
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
