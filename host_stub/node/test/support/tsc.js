'use strict';
// Runs the TypeScript compiler (the pinned devDependency) in a child process; fails the test
// with the compiler's own output.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');

function runTsc(args) {
  const tsc = require.resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, ...args], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc ${args.join(' ')} failed:\n${e.stdout}${e.stderr}`);
  }
}

module.exports = { runTsc };
