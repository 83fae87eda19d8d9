import type { Reporter } from './types.js';

/** SARIF 2.1.0 (stub until helper `surface` lands the real reporter): an empty, valid log. */
export const sarifReporter: Reporter = (data) =>
  `${JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{ tool: { driver: { name: data.tool.name, version: data.tool.version } }, results: [] }],
    },
    null,
    2,
  )}\n`;
