#!/usr/bin/env node
// CommonJS (bin/package.json says so), so that Node never starts its ES module loader for a check: the launcher
// runs the bundled CLI from a V8 code cache (src/cli/launch.ts).
require('../dist/launch.cjs').launch();
