import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);
import {
  rules
} from "./chunk-ACRTRP2G.js";
import "./chunk-43VJKAEJ.js";
import "./chunk-HVUMOPXY.js";
import "./chunk-LDBPO2W7.js";
import "./chunk-RCVICTRH.js";
import "./chunk-FQ47HCOD.js";
import "./chunk-EDL2D4W5.js";
export {
  rules
};
