'use strict';
// The TypeScript declarations compile under --strict and describe the adapter as a TypeScript
// host uses it (test/types/usage.ts). That the document types fit real driver output is
// checked in plex_emulator.test.js.

const path = require('node:path');
const test = require('node:test');
const { runTsc } = require('./support/tsc');

test('index.d.ts and documents.d.ts compile and type a host written in TypeScript', () => {
  runTsc(['--strict', '--noEmit', '--target', 'es2020', '--module', 'commonjs', '--lib', 'es2020,dom',
    path.join(__dirname, 'types/usage.ts')]);
});
