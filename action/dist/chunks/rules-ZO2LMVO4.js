import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  rules
} from "./chunk-L6CATLOV.js";
import "./chunk-43VJKAEJ.js";
import "./chunk-7G6ADTDN.js";
import "./chunk-3ZF5C6TM.js";
import "./chunk-FI5HTOGP.js";
import "./chunk-RCVICTRH.js";
import "./chunk-FQ47HCOD.js";
import "./chunk-3WXF3ZSY.js";
import "./chunk-EDL2D4W5.js";
export {
  rules
};
