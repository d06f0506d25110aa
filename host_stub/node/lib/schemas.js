'use strict';
// Validators for the PlayerDriver JSON documents (plugin_api/schemas/v1/*.schema.json, JSON
// Schema draft 2020-12), so a host can check what it sends (config, sync_request, and the
// account and provider inputs) and what it receives (everything else).
//
// The schemas are open: readers ignore keys they do not know, because later drivers only ever
// add keys. `closed: true` builds the strict variant the conformance tests use: every object
// that lists its properties refuses keys it does not list, so a key the driver emits but the
// schemas do not describe is caught.

const fs = require('node:fs');
const path = require('node:path');
const Ajv2020 = require('ajv/dist/2020');

// Documents, by the name schemas.md gives them.
const DOCUMENTS = ['config', 'sync_request', 'sync_result', 'capabilities', 'test_connection',
  'find_result', 'sessions', 'event', 'session',
  // the account interface ("pd.account/1")
  'account_options', 'account_pin', 'account_pin_status', 'account_login', 'account_credentials',
  'account_token', 'account_servers', 'account_connection_request', 'account_connection',
  // the metadata provider interface ("pd.provider/1")
  'provider_config', 'provider_check'];

// The repository's copy (this adapter run from a checkout); the SDK installs the same files under
// <prefix>/share/player-driver/schemas/v1 (pkg-config --variable=schemadir player-driver): /usr
// for the player-driver-dev .deb, /usr/local for `cmake --install` with the default prefix. The
// npm package does not carry them: installed from it, the first SDK directory that exists is used.
const DEFAULT_SCHEMA_DIR = path.resolve(__dirname, '../../../plugin_api/schemas/v1');
const SCHEMA_DIRS = [
  DEFAULT_SCHEMA_DIR,
  '/usr/share/player-driver/schemas/v1',
  '/usr/local/share/player-driver/schemas/v1',
];

function schemaDir(dir) {
  if (dir) return dir;
  if (process.env.PLAYER_DRIVER_SCHEMA_DIR) return process.env.PLAYER_DRIVER_SCHEMA_DIR;
  const found = SCHEMA_DIRS.find((d) => fs.existsSync(path.join(d, 'config.schema.json')));
  if (!found) {
    throw new Error(`no PlayerDriver JSON Schemas found (looked in ${SCHEMA_DIRS.join(', ')}): install the SDK `
      + '(the player-driver-dev package, or cmake --install <build> --component sdk), then pass '
      + 'createValidators({dir: "<prefix>/share/player-driver/schemas/v1"}) or set PLAYER_DRIVER_SCHEMA_DIR');
  }
  return found;
}

// Deep copy of `schema` in which every subschema that lists `properties` gets
// unevaluatedProperties: false (which, unlike additionalProperties, sees through allOf/$ref).
function closeSchema(schema) {
  if (Array.isArray(schema)) return schema.map(closeSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    // Names under "properties" and "$defs" are not schemas themselves, their values are.
    if (key === 'properties' || key === '$defs') {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, closeSchema(v)]));
    } else if (['examples', 'enum', 'const', 'default', 'if', 'then', 'else', 'not'].includes(key)) {
      // Values, and conditions that only constrain properties described elsewhere.
      out[key] = value;
    } else {
      out[key] = closeSchema(value);
    }
  }
  if (schema.properties && !('additionalProperties' in schema) && !('unevaluatedProperties' in schema)) {
    out.unevaluatedProperties = false;
  }
  return out;
}

function loadSchemaFiles(dir) {
  const schemas = {};
  for (const name of DOCUMENTS) {
    const file = path.join(dir, `${name}.schema.json`);
    schemas[name] = JSON.parse(fs.readFileSync(file, 'utf8'));
  }
  return schemas;
}

/**
 * Compiles every schema. Returns { validate(name, doc) -> {valid, errors}, names, dir }.
 * Throws when a schema file is missing or not a valid draft 2020-12 schema.
 */
function createValidators(options = {}) {
  const dir = schemaDir(options.dir);
  const files = loadSchemaFiles(dir);
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  for (const name of DOCUMENTS) {
    ajv.addSchema(options.closed ? closeSchema(files[name]) : files[name]);
  }
  const compiled = {};
  for (const name of DOCUMENTS) compiled[name] = ajv.getSchema(files[name].$id);
  return {
    dir,
    names: DOCUMENTS.slice(),
    schema(name) {
      return files[name];
    },
    validate(name, doc) {
      const fn = compiled[name];
      if (!fn) throw new Error(`no schema named "${name}" (known: ${DOCUMENTS.join(', ')})`);
      const valid = fn(doc);
      return { valid, errors: valid ? [] : fn.errors.map(formatError) };
    },
  };
}

// "/changes/0/path: must match pattern ...": a JSON pointer to the offending value first, as the
// driver's own messages name the key first. A missing or undescribed key is named itself.
function formatError(e) {
  const at = e.instancePath;
  if (e.keyword === 'required') return `${at}/${e.params.missingProperty}: required, but missing`;
  if (e.keyword === 'unevaluatedProperties') {
    return `${at}/${e.params.unevaluatedProperty}: not described by the schema`;
  }
  return `${at || '/'}: ${e.message}`;
}

module.exports = { createValidators, closeSchema, DOCUMENTS, DEFAULT_SCHEMA_DIR, SCHEMA_DIRS };
