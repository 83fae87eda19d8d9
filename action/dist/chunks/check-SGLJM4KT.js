import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  assertKnownRules,
  printDiagnostics,
  reporterFor,
  resolveClusterTarget,
  runCheckCommand
} from "./chunk-B5Q6PPR2.js";
import "./chunk-STYJWAO3.js";
import "./chunk-XLVXBMJX.js";
import "./chunk-5IJPJYX3.js";
import "./chunk-GCMTTL4V.js";
import "./chunk-H552KLEE.js";
import "./chunk-J4PBTIGS.js";
import "./chunk-272LM65M.js";
import "./chunk-CZ5HT6FU.js";
import "./chunk-L6CATLOV.js";
import "./chunk-43VJKAEJ.js";
import "./chunk-7G6ADTDN.js";
import "./chunk-XXZ2UYBR.js";
import "./chunk-AW26LPCX.js";
import "./chunk-RGLCWCIF.js";
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
