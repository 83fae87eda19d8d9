import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);

// src/model/rule.ts
function defineRule(rule) {
  return rule;
}
var RULE_DOCS_BASE = "https://github.com/tagcheck/tagcheck/blob/main/rules/";
function ruleHelpUri(id) {
  return `${RULE_DOCS_BASE}${id}.md`;
}

export {
  defineRule,
  ruleHelpUri
};
