#!/usr/bin/env node
// The GitHub Action's launcher: the bundle committed in action/dist (`npm run bundle`), so the action runs
// without `npm ci` or a build. bin/tagcheck.js does the same with the dist/ that `npm run build` writes.
require('./dist/launch.cjs').launch();
