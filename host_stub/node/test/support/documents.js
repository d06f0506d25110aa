'use strict';
// What the driver wrote during a test, kept to be checked at the end against the closed JSON
// Schemas (no undocumented key) and against the TypeScript declarations (documents.d.ts), so
// schemas and types say what the driver really emits.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const pd = require('../../lib');
const { runTsc } = require('./tsc');

class DocumentLog {
  /** tsTypes: schema name -> the documents.d.ts type its documents must fit. */
  constructor(tsTypes) {
    this.tsTypes = tsTypes;
    this.documents = [];
  }

  /** Keeps `doc` (which must exist) as a `schema` document written at `where`; returns it. */
  collect(schema, where, doc) {
    assert.ok(doc, `${where}: the driver wrote no document`);
    this.documents.push({ schema, where, doc });
    return doc;
  }

  /** The first kept document of `schema`. */
  first(schema) {
    return this.documents.find((d) => d.schema === schema).doc;
  }

  /** Every document satisfies its closed schema, and each of `requiredKinds` was seen. */
  assertSchemas(requiredKinds) {
    const validators = pd.createValidators({ closed: true });
    const failures = [];
    for (const { schema, where, doc } of this.documents) {
      const { valid, errors } = validators.validate(schema, doc);
      if (!valid) failures.push(`${where}: ${errors.join('; ')}\n  ${JSON.stringify(doc)}`);
    }
    assert.deepEqual(failures, []);
    const kinds = new Set(this.documents.map((d) => d.schema));
    for (const name of requiredKinds) assert.ok(kinds.has(name), `a ${name} document was checked`);
    return validators;
  }

  /** Every document compiles as its TypeScript type under tsc --strict. */
  assertTypes() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-node-types-'));
    try {
      const typesPath = path.resolve(__dirname, '../../documents').replace(/\\/g, '/');
      const lines = [`import type * as pd from ${JSON.stringify(typesPath)};`];
      this.documents.forEach(({ schema, doc }, i) => {
        lines.push(`export const doc${i}: pd.${this.tsTypes[schema]} = ${JSON.stringify(doc)};`);
      });
      // The documents may hold test tokens: readable by this user only.
      fs.writeFileSync(path.join(dir, 'samples.ts'), `${lines.join('\n')}\n`, { mode: 0o600 });
      runTsc(['--strict', '--noEmit', '--target', 'es2020', '--module', 'commonjs', path.join(dir, 'samples.ts')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

module.exports = { DocumentLog };
