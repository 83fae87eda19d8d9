import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';

const schemaFile = fileURLToPath(new URL('../schemas/sarif-schema-2.1.0.json', import.meta.url));
const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));

// ajv-draft-04 is CommonJS: under NodeNext its class is the `default` property of the module object.
const Ajv = AjvDraft04.default;
const ajv = new Ajv({ allErrors: true, strict: false });
// The SARIF schema uses these formats; ajv has no built-in ones without ajv-formats, so check them here.
ajv.addFormat('uri', (value: string) => URL.canParse(value));
ajv.addFormat('uri-reference', (value: string) => !/\s/.test(value) && URL.canParse(value, 'http://base.invalid/'));
ajv.addFormat('date-time', (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value));
const validateSchema = ajv.compile(schema);

/** Errors from the official SARIF 2.1.0 schema, as readable lines; empty when the log is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validateSchema(log)) return [];
  return (validateSchema.errors ?? []).map((error: { instancePath: string; message?: string }) => `${error.instancePath || '/'} ${error.message}`);
}

/**
 * The rules GitHub code scanning applies on upload beyond the schema: relative URIs, a location on every
 * result, at most 25,000 results per run, ruleIds among the driver's rules and ruleIndex pointing at them.
 */
export function githubCodeScanningErrors(log: any): string[] {
  const errors: string[] = [];
  if (log.version !== '2.1.0') errors.push(`version is ${log.version}`);
  if (!Array.isArray(log.runs) || log.runs.length === 0 || log.runs.length > 20) errors.push('runs: 1..20 expected');
  for (const [runIndex, run] of (log.runs ?? []).entries()) {
    const rules: any[] = run.tool?.driver?.rules ?? [];
    const ids = rules.map((rule) => rule.id);
    if (new Set(ids).size !== ids.length) errors.push(`run ${runIndex}: duplicate rule ids`);
    if (rules.length > 25_000) errors.push(`run ${runIndex}: more than 25,000 rules`);
    if (!run.tool?.driver?.name) errors.push(`run ${runIndex}: tool.driver.name missing`);
    const results: any[] = run.results ?? [];
    if (results.length > 25_000) errors.push(`run ${runIndex}: ${results.length} results (max 25,000)`);
    for (const [index, result] of results.entries()) {
      const where = `run ${runIndex} result ${index}`;
      if (!ids.includes(result.ruleId)) errors.push(`${where}: ruleId ${result.ruleId} is not a driver rule`);
      if (result.ruleIndex !== undefined && rules[result.ruleIndex]?.id !== result.ruleId) errors.push(`${where}: ruleIndex ${result.ruleIndex} does not point at ${result.ruleId}`);
      if (!result.message?.text) errors.push(`${where}: message.text missing`);
      const locations: any[] = result.locations ?? [];
      if (locations.length === 0) errors.push(`${where}: no location`);
      if (locations.length > 1000) errors.push(`${where}: more than 1,000 locations`);
      for (const location of locations) {
        const physical = location.physicalLocation;
        const uri: string | undefined = physical?.artifactLocation?.uri;
        if (!uri) errors.push(`${where}: no artifactLocation.uri`);
        else if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/') || uri.includes('\\')) errors.push(`${where}: uri "${uri}" is not relative with /`);
        const region = physical?.region;
        if (!region || !(region.startLine >= 1)) errors.push(`${where}: region.startLine missing`);
      }
      if (!result.partialFingerprints || Object.keys(result.partialFingerprints).length === 0) errors.push(`${where}: no partialFingerprints`);
    }
  }
  return errors;
}
