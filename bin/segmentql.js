#!/usr/bin/env node
// The `segmentql` command. The TypeScript is compiled to dist/ by `npm install` (prepare) or `npm run build`.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('segmentql is not built yet: run `npm run build` in ' + path.join(__dirname, '..') + '\n');
  process.exit(1);
}
const { runCli, UsageError } = require(cli);
runCli(process.argv.slice(2)).then(
  (code) => { if (code !== undefined) process.exit(code); },
  (err) => {
    process.stderr.write('segmentql: ' + (err instanceof Error ? err.message : String(err)) + '\n');
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
