'use strict';
// The JSON Schemas (plugin_api/schemas/v1): valid draft 2020-12 (ajv strict mode), examples
// that validate, documents they must refuse refused, and for the inputs (config, sync_request)
// agreement with the driver itself: what the schema refuses the driver refuses (naming the same
// key), what the schema accepts the driver accepts; the same for the account interface's inputs
// (account_options, account_credentials, account_connection_request) and the metadata
// provider's (provider_config). Real driver output is checked in plex_emulator.test.js,
// account.test.js and provider.test.js.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const test = require('node:test');

const pd = require('../lib');
const env = require('./support/env');
const { skipWithoutProvider } = require('./support/provider');

const open = pd.createValidators({ dir: env.SCHEMA_DIR });
const closed = pd.createValidators({ dir: env.SCHEMA_DIR, closed: true });

function clone(doc) {
  return JSON.parse(JSON.stringify(doc));
}

function example(name, index = 0) {
  return clone(open.schema(name).examples[index]);
}

test('every schema file is draft 2020-12, versioned, and compiles in strict mode', () => {
  const files = fs.readdirSync(env.SCHEMA_DIR).filter((f) => f.endsWith('.schema.json')).sort();
  assert.deepEqual(files, open.names.map((n) => `${n}.schema.json`).sort());
  for (const name of open.names) {
    const schema = open.schema(name);
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema', name);
    assert.ok(schema.$id.endsWith(`/schemas/v1/${name}.schema.json`), `${name}: $id names its file and version`);
    assert.match(schema.title, /schema_version 1/);
    assert.ok(Array.isArray(schema.examples) && schema.examples.length > 0, `${name} has an example`);
  }
});

test('every example validates, also with no undocumented key', () => {
  for (const name of open.names) {
    for (const doc of open.schema(name).examples) {
      assert.deepEqual(open.validate(name, doc).errors, [], name);
      assert.deepEqual(closed.validate(name, doc).errors, [], name);
    }
  }
});

test('open schemas accept keys a later driver adds; the closed variant catches them', () => {
  const doc = example('sync_result');
  doc.some_future_key = true;
  doc.changes[0].another_future_key = 1;
  assert.equal(open.validate('sync_result', doc).valid, true);
  const { valid, errors } = closed.validate('sync_result', doc);
  assert.equal(valid, false);
  assert.ok(errors.some((e) => e.includes('some_future_key')));
  assert.ok(errors.some((e) => e.includes('/changes/0') && e.includes('another_future_key')));
});

// [schema, what, mutate(doc)] for output documents the schemas must refuse.
const REFUSED = [
  ['sync_result', 'a status no driver writes', (d) => { d.status = 'done'; }],
  ['sync_result', 'schema_version 2', (d) => { d.schema_version = 2; }],
  ['sync_result', 'no schema_version', (d) => { delete d.schema_version; }],
  ['sync_result', 'a change without its path', (d) => { delete d.changes[0].path; }],
  ['sync_result', 'a negative elapsed_ms', (d) => { d.changes[0].elapsed_ms = -1; }],
  ['sync_result', 'elapsed_ms as text', (d) => { d.elapsed_ms = '190'; }],
  ['sync_result', 'an item action no driver writes', (d) => { d.changes[0].item.action = 'scanned'; }],
  ['sync_result', 'observed_via "magic"', (d) => { d.scans[0].observed_via = 'magic'; }],
  ['sync_result', 'blocked_by without a state', (d) => { d.changes[0].blocked_by = { view_offset_ms: 0 }; }],
  ['capabilities', 'no operations', (d) => { delete d.operations; }],
  ['capabilities', 'an operation that is not a boolean', (d) => { d.operations.sessions = 'yes'; }],
  ['capabilities', 'a server error without a status', (d) => { d.server = { error: { message: 'down' } }; }],
  ['test_connection', 'ok false without error', (d) => { d.ok = false; d.error = null; }],
  ['test_connection', 'ok true with an error', (d) => { d.error = { status: 'timeout', code: 7, http_status: 0, message: 'x' }; }],
  ['test_connection', 'an unknown error status', (d) => { d.ok = false; d.error = { status: 'kaputt', code: 99, http_status: 0, message: 'x' }; }],
  ['find_result', 'found without items', (d) => { d.items = []; }],
  ['find_result', 'not found without a message', (d) => { d.found = false; d.items = []; d.message = ''; }],
  ['find_result', 'a year as text', (d) => { d.items[0].year = '1995'; }],
  ['sessions', 'a session without active', (d) => { delete d.sessions[0].active; }],
  ['sessions', 'a rating key as a number', (d) => { d.sessions[0].rating_key = 203; }],
  ['sessions', 'an empty session_key', (d) => { d.sessions[0].session_key = ''; }],
  ['event', 'a scan event without its section', (d) => { delete d.section; }],
  ['event', 'an unknown source', (d) => { d.source = 'carrier-pigeon'; }],
  ['event', 'a type without a dot', (d) => { d.type = 'scan'; }],
  ['event', 'no server', (d) => { delete d.server; }],
  ['event', 'time as text', (d) => { d.time = 'now'; }],
  ['account_pin', 'an id as text', (d) => { d.id = '111222333'; }],
  ['account_pin', 'no auth_url', (d) => { delete d.auth_url; }],
  ['account_pin', 'schema_version 2', (d) => { d.schema_version = 2; }],
  ['account_pin_status', 'approved true', (d) => { d.approved = true; }],
  ['account_login', 'approved false', (d) => { d.approved = false; }],
  ['account_login', 'a method no driver writes', (d) => { d.method = 'magic'; }],
  ['account_login', 'a token with a space', (d) => { d.token = 'abc def'; }],
  ['account_login', 'no user', (d) => { delete d.user; }],
  ['account_login', 'a user without username', (d) => { delete d.user.username; }],
  ['account_token', 'valid with no user', (d) => { d.user = null; }],
  ['account_token', 'valid with a message', (d) => { d.message = 'but'; }],
  ['account_servers', 'a connection kind no driver writes', (d) => { d.servers[0].connections[0].kind = 'lan'; }],
  ['account_servers', 'a port as text', (d) => { d.servers[0].connections[0].port = '32400'; }],
  ['account_servers', 'a server without connections', (d) => { delete d.servers[0].connections; }],
  ['account_connection', 'no chosen address and no error', (d) => { d.chosen = null; d.config = null; }],
  ['account_connection', 'an error with a config', (d) => { d.error = { status: 'unreachable', message: 'x' }; }],
  ['account_connection', 'a candidate result no driver writes', (d) => { d.candidates[0].result = 'maybe'; }],
  ['account_connection', 'a rejected candidate with status ok', (d) => { d.candidates[0].status = 'ok'; }],
  ['account_connection', 'a rejected candidate without a reason', (d) => { d.candidates[0].reason = ''; }],
  ['account_connection', 'a config without host', (d) => { delete d.config.host; }],
  ['provider_check', 'schema_version 2', (d) => { d.schema_version = 2; }],
  ['provider_check', 'no problems list', (d) => { delete d.problems; }],
  ['provider_check', 'a root no provider serves', (d) => { d.root = '/music'; }],
  ['provider_check', 'a movie served from /shows', (d) => { d.root = '/shows'; }],
  ['provider_check', 'an identifier that is not a custom provider\'s', (d) => { d.identifier = 'tv.plex.agents.movie'; }],
  ['provider_check', 'a kind no provider serves', (d) => { d.kind = 'clip'; }],
  ['provider_check', 'an NFO status no driver writes', (d) => { d.nfo.status = 'ok'; }],
  ['provider_check', 'a refused NFO without its message', (d) => { d.nfo.status = 'refused'; delete d.metadata; delete d.rating_key; delete d.guid; }],
  ['provider_check', 'a refused NFO still served', (d) => { d.nfo.status = 'refused'; d.nfo.message = 'not XML'; }],
  ['provider_check', 'a missing NFO with a path', (d) => { d.nfo.status = 'missing'; delete d.metadata; delete d.rating_key; delete d.guid; }],
  ['provider_check', 'metadata without its rating_key', (d) => { delete d.rating_key; }],
  ['provider_check', 'a rating_key without metadata', (d) => { delete d.metadata; delete d.guid; }],
  ['provider_check', 'not served and no problem said why', (d) => { delete d.metadata; delete d.rating_key; delete d.guid; d.problems = []; }],
  ['provider_check', 'metadata without a title', (d) => { delete d.metadata.title; }],
  ['provider_check', 'a metadata type Plex has no provider type for', (d) => { d.metadata.type = 'clip'; }],
  ['provider_check', 'a year as text', (d) => { d.metadata.year = '1995'; }],
  ['provider_check', 'an artwork role no driver writes', (d) => { d.artwork[0].role = 'disc'; }],
  ['provider_check', 'bytes as text', (d) => { d.artwork[0].bytes = '20'; }],
  ['provider_check', 'an image both served and refused', (d) => { d.artwork[0].problem = 'is empty (0 bytes)'; }],
  ['provider_check', 'a usable image without its link where images are linked', (d) => { delete d.artwork[0].url; }],
  ['provider_check', 'an image link where images are not linked', (d) => { d.image_links = false; }],
  ['provider_check', 'an image served as GIF', (d) => { d.artwork[0].content_type = 'image/gif'; }],
];
const REFUSED_EVENTS = [
  ['a playback event without its session', (d) => { delete d.session; }],
  ['a webhook event without its webhook part', (d) => { delete d.webhook; }],
  ['a websocket event with a webhook part', (d) => { d.source = 'websocket'; }],
  ['server.unreachable without a reason', (d) => { d.type = 'server.unreachable'; delete d.session; delete d.item; delete d.section; d.source = 'websocket'; delete d.webhook; }],
  ['item.added without its item', (d) => { d.type = 'item.added'; delete d.item; }],
];

test('documents no driver may write are refused', () => {
  for (const [name, what, mutate] of REFUSED) {
    const doc = example(name);
    mutate(doc);
    assert.equal(open.validate(name, doc).valid, false, `${name}: ${what} must be refused`);
  }
  const invalidToken = example('account_token', 1);
  for (const [what, mutate] of [['a user', (d) => { d.user = example('account_token').user; }], ['no message', (d) => { d.message = ''; }]]) {
    const doc = clone(invalidToken);
    mutate(doc);
    assert.equal(open.validate('account_token', doc).valid, false, `account_token: invalid with ${what} must be refused`);
  }
  for (const [what, mutate] of REFUSED_EVENTS) {
    const doc = example('event', 1); // a playback.started webhook event
    mutate(doc);
    assert.equal(open.validate('event', doc).valid, false, `event: ${what} must be refused`);
  }
});

// ---- inputs: the schema and the driver agree ---------------------------------------------

const SYSTEM_CA = '/etc/ssl/certs/ca-certificates.crt';
const BASE_CONFIG = { host: '127.0.0.1', port: 1, plex_token: 'abcdef123456', use_websocket: false, timeout_seconds: 2 };

// [what, config, the key the driver's message must name]
const BAD_CONFIGS = [
  ['no host', { plex_token: 'abcdef' }, 'config.host'],
  ['no token', { host: '127.0.0.1' }, 'config.plex_token'],
  ['an empty host', { ...BASE_CONFIG, host: '' }, 'config.host'],
  ['a scheme in host', { ...BASE_CONFIG, host: 'http://plex.local' }, 'config.host'],
  ['a port in host', { ...BASE_CONFIG, host: 'plex.local:32400' }, 'config.host'],
  ['a space in host', { ...BASE_CONFIG, host: 'plex local' }, 'config.host'],
  ['port 0', { ...BASE_CONFIG, port: 0 }, 'config.port'],
  ['port 70000', { ...BASE_CONFIG, port: 70000 }, 'config.port'],
  ['port as text', { ...BASE_CONFIG, port: '32400' }, 'config.port'],
  ['port 1.5', { ...BASE_CONFIG, port: 1.5 }, 'config.port'],
  ['use_https as text', { ...BASE_CONFIG, use_https: 'yes' }, 'config.use_https'],
  ['a token with a space', { ...BASE_CONFIG, plex_token: 'abc def' }, 'config.plex_token'],
  ['a token as a number', { ...BASE_CONFIG, plex_token: 12345 }, 'config.plex_token'],
  ['timeout 0', { ...BASE_CONFIG, timeout_seconds: 0 }, 'config.timeout_seconds'],
  ['timeout 4000', { ...BASE_CONFIG, timeout_seconds: 4000 }, 'config.timeout_seconds'],
  ['a 129-character client identifier', { ...BASE_CONFIG, client_identifier: 'x'.repeat(129) }, 'config.client_identifier'],
  ['a client identifier with a space', { ...BASE_CONFIG, client_identifier: 'metarr 1' }, 'config.client_identifier'],
  ['a name with a line break', { ...BASE_CONFIG, name: 'NAS\r\nX-Evil: 1' }, 'config.name'],
  ['path_mappings as an object', { ...BASE_CONFIG, path_mappings: { '/a': '/b' } }, 'config.path_mappings'],
  ['a mapping without player_path', { ...BASE_CONFIG, path_mappings: [{ metarr_path: '/a' }] }, 'config.path_mappings[0].player_path'],
  ['an empty metarr_path', { ...BASE_CONFIG, path_mappings: [{ metarr_path: '', player_path: '/b' }] }, 'config.path_mappings[0].metarr_path'],
  ['max_folders_per_section 0', { ...BASE_CONFIG, max_folders_per_section: 0 }, 'config.max_folders_per_section'],
  ['debounce_seconds -1', { ...BASE_CONFIG, debounce_seconds: -1 }, 'config.debounce_seconds'],
  ['poll_interval_ms 5', { ...BASE_CONFIG, poll_interval_ms: 5 }, 'config.poll_interval_ms'],
  ['anchor_files with an empty entry', { ...BASE_CONFIG, anchor_files: [''] }, 'config.anchor_files[0]'],
  ['skip_active "sometimes"', { ...BASE_CONFIG, skip_active: 'sometimes' }, 'config.skip_active'],
  ['stale_session_seconds 0', { ...BASE_CONFIG, stale_session_seconds: 0 }, 'config.stale_session_seconds'],
  ['webhook_max_bytes 10', { ...BASE_CONFIG, webhook_max_bytes: 10 }, 'config.webhook_max_bytes'],
];
const GOOD_CONFIGS = [
  ['the minimum', { host: '192.168.1.20', plex_token: 'abc' }],
  ['every key', {
    schema_version: 1, name: 'Living room', host: 'plex.local', port: 32400, use_https: true, plex_token: 'abc-DEF_123',
    timeout_seconds: 0.5, client_identifier: 'metarr-1', path_mappings: [{ metarr_path: '/mnt/movies', player_path: '/data/movies' }],
    verify_tls: false, max_folders_per_section: 5, debounce_seconds: 0, queued_timeout_seconds: 60,
    anchor_files: ['/mnt/movies/.online'], use_websocket: false, poll_interval_ms: 250, skip_active: 'item', paused_is_active: false,
    stale_session_seconds: 30, webhook_max_bytes: 2048,
  }],
  // ca_file must name a readable PEM file (the driver loads it in create).
  ...(fs.existsSync(SYSTEM_CA) ? [['a CA file', { host: 'plex.local', plex_token: 'abc', use_https: true, ca_file: SYSTEM_CA }]] : []),
  ['an IPv6 literal', { host: '::1', plex_token: 'abc' }],
  ['a bracketed IPv6 literal', { host: '[fd00::20]', plex_token: 'abc' }],
  ['a host setting the driver ignores', { host: 'plex.local', plex_token: 'abc', metarr_library_ids: [1, 2] }],
];

test('config: what the schema refuses the driver refuses, naming the same key', async () => {
  const driver = pd.loadDriver(env.DRIVER);
  try {
    for (const [what, config, key] of BAD_CONFIGS) {
      const { valid, errors } = open.validate('config', config);
      assert.equal(valid, false, `schema accepts ${what}`);
      const expectedPointer = `/${key.slice('config.'.length).replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/')}`;
      assert.ok(errors.some((e) => e.startsWith(expectedPointer)),
        `${what}: the schema names ${expectedPointer}: ${errors.join('; ')}`);
      await assert.rejects(driver.createInstance(config), (e) => {
        assert.equal(e.statusName, 'invalid_config', what);
        assert.ok(e.message.startsWith(key), `${what}: the driver names ${key}: ${e.message}`);
        assert.ok(!e.message.includes('abc def'), 'a token is never echoed');
        return true;
      });
    }
    for (const [what, config] of GOOD_CONFIGS) {
      assert.deepEqual(open.validate('config', config).errors, [], what);
      const instance = await driver.createInstance(config);
      await instance.destroy();
    }
  } finally {
    driver.close();
  }
});

const GOOD_CHANGE = { path: '/mnt/media/movies/Heat (1995)', kind: 'added' };
// [what, request, the key the driver's message must name]
const BAD_REQUESTS = [
  ['no changes', { schema_version: 1 }, 'changes'],
  ['no change at all', { changes: [] }, 'changes'],
  ['changes as an object', { changes: GOOD_CHANGE }, 'changes'],
  ['a change that is a string', { changes: ['/mnt/x'] }, 'changes[0]'],
  ['a change without a path', { changes: [{ kind: 'added' }] }, 'changes[0].path'],
  ['a relative path', { changes: [{ path: 'movies/Heat', kind: 'added' }] }, 'changes[0].path'],
  ['an empty path', { changes: [{ path: '', kind: 'added' }] }, 'changes[0].path'],
  ['a path with NUL', { changes: [{ path: '/mnt/a\u0000b', kind: 'added' }] }, 'changes[0].path'],
  ['a path over 4096 bytes', { changes: [{ path: `/${'a'.repeat(4096)}`, kind: 'added' }] }, 'changes[0].path'],
  ['no kind', { changes: [{ path: '/mnt/x' }] }, 'changes[0].kind'],
  ['kind "moved"', { changes: [{ path: '/mnt/x', kind: 'moved' }] }, 'changes[0].kind'],
  ['media_type "film"', { changes: [{ ...GOOD_CHANGE, media_type: 'film' }] }, 'changes[0].media_type'],
  ['year as text', { changes: [{ ...GOOD_CHANGE, year: '1995' }] }, 'changes[0].year'],
  ['a year past 9999', { changes: [{ ...GOOD_CHANGE, year: 99999999999 }] }, 'changes[0].year'],
  ['a negative year', { changes: [{ ...GOOD_CHANGE, year: -1995 }] }, 'changes[0].year'],
  ['options as an array', { changes: [GOOD_CHANGE], options: [] }, 'options'],
  ['wait as text', { changes: [GOOD_CHANGE], options: { wait: 'no' } }, 'options.wait'],
  ['timeout 0', { changes: [GOOD_CHANGE], options: { timeout_seconds: 0 } }, 'options.timeout_seconds'],
  ['timeout over a day', { changes: [GOOD_CHANGE], options: { timeout_seconds: 86401 } }, 'options.timeout_seconds'],
  ['strategy "fast"', { changes: [GOOD_CHANGE], options: { strategy: 'fast' } }, 'options.strategy'],
  ['skip_active "always"', { changes: [GOOD_CHANGE], options: { skip_active: 'always' } }, 'options.skip_active'],
];
const GOOD_REQUESTS = [
  ['one change', { changes: [GOOD_CHANGE] }],
  ['an unknown year', { changes: [{ ...GOOD_CHANGE, year: 0 }] }],
  ['every option', {
    schema_version: 1,
    changes: [{ path: '/mnt/media/tv/Severance/Season 01', kind: 'updated', media_type: 'season', title: 'Severance', year: 2022 },
      { path: 'C:\\Media\\Movies\\Heat (1995)', kind: 'removed' }, { path: '\\\\nas\\media\\x.mkv', kind: 'updated' }],
    options: { wait: true, timeout_seconds: 30, dry_run: false, full_scan: true, strategy: 'refresh', force_refresh: true, skip_active: 'section' },
  }],
];

test('sync_request: what the schema refuses the driver refuses, naming the same key', async () => {
  const driver = pd.loadDriver(env.DRIVER);
  const instance = await driver.createInstance(BASE_CONFIG);
  try {
    for (const [what, request, key] of BAD_REQUESTS) {
      assert.equal(open.validate('sync_request', request).valid, false, `schema accepts ${what}`);
      const r = await instance.sync(request);
      assert.equal(r.statusName, 'invalid_argument', `${what}: ${r.statusName} ${r.message}`);
      assert.ok(r.message.startsWith(key), `${what}: the driver names ${key}: ${r.message}`);
      assert.equal(r.document, null);
    }
    // Accepted: the driver goes on to reach the server (port 1: refused), so it parsed the request.
    for (const [what, request] of GOOD_REQUESTS) {
      assert.deepEqual(open.validate('sync_request', request).errors, [], what);
      const r = await instance.sync(request);
      assert.equal(r.statusName, 'unreachable', `${what}: ${r.message}`);
    }
  } finally {
    await instance.destroy();
    driver.close();
  }
});

// ---- account inputs: the schema and the driver agree --------------------------------------

// A plex.tv nobody answers at: accepted inputs get as far as asking it ('unreachable').
const NOWHERE = 'http://127.0.0.1:1';
const BASE_OPTIONS = { plex_tv_url: NOWHERE, timeout_seconds: 2, probe_timeout_seconds: 2 };

// [what, options, the key the driver's message must name]
const BAD_OPTIONS = [
  ['plex_tv_url without a scheme', { plex_tv_url: 'plex.tv' }, 'options.plex_tv_url'],
  ['plex_tv_url as a number', { plex_tv_url: 5 }, 'options.plex_tv_url'],
  ['plex_tv_url ftp', { plex_tv_url: 'ftp://plex.tv' }, 'options.plex_tv_url'],
  ['plex_tv_url with a query', { plex_tv_url: 'https://plex.tv/?a=1' }, 'options.plex_tv_url'],
  ['plex_tv_url with credentials', { plex_tv_url: 'https://me:pw@plex.tv' }, 'options.plex_tv_url'],
  ['an empty plex_tv_url', { plex_tv_url: '' }, 'options.plex_tv_url'],
  ['auth_app_url without a scheme', { auth_app_url: 'app.plex.tv/auth' }, 'options.auth_app_url'],
  ['a client identifier with a space', { client_identifier: 'has space' }, 'options.client_identifier'],
  ['a 129-character client identifier', { client_identifier: 'x'.repeat(129) }, 'options.client_identifier'],
  ['an empty client identifier', { client_identifier: '' }, 'options.client_identifier'],
  ['an empty product', { product: '' }, 'options.product'],
  ['device_name as a number', { device_name: 7 }, 'options.device_name'],
  ['a product with a line break', { product: 'Metarr\r\nX-Evil: 1' }, 'options.product'],
  ['a device_name with a tab', { device_name: 'nas\t2' }, 'options.device_name'],
  ['timeout 0', { timeout_seconds: 0 }, 'options.timeout_seconds'],
  ['timeout 4000', { timeout_seconds: 4000 }, 'options.timeout_seconds'],
  ['probe timeout 0.05', { probe_timeout_seconds: 0.05 }, 'options.probe_timeout_seconds'],
  ['probe timeout 601', { probe_timeout_seconds: 601 }, 'options.probe_timeout_seconds'],
  ['pin_poll_ms 5', { pin_poll_ms: 5 }, 'options.pin_poll_ms'],
  ['pin_poll_ms 50.5', { pin_poll_ms: 50.5 }, 'options.pin_poll_ms'],
  ['pin_poll_ms as text', { pin_poll_ms: '100' }, 'options.pin_poll_ms'],
  ['verify_tls as text', { verify_tls: 'yes' }, 'options.verify_tls'],
  ['an empty ca_file', { ca_file: '' }, 'options.ca_file'],
];
const GOOD_OPTIONS = [
  ['the defaults', {}],
  ['every key', {
    schema_version: 1, plex_tv_url: 'http://127.0.0.1:1/base', auth_app_url: 'https://app.plex.tv/auth', client_identifier: 'metarr-1',
    product: 'Metarr', device_name: 'nas', timeout_seconds: 0.1, probe_timeout_seconds: 600, pin_poll_ms: 10, verify_tls: false,
    ca_file: '/etc/ssl/certs/ca-certificates.crt',
  }],
  ['an IPv6 plex.tv', { plex_tv_url: 'http://[::1]:32500' }],
  ['a host setting the driver ignores', { metarr_profile: 'default' }],
];

test('account_options: what the schema refuses the driver refuses, naming the same key', async () => {
  const driver = pd.loadDriver(env.DRIVER);
  try {
    for (const [what, options, key] of BAD_OPTIONS) {
      const { valid, errors } = open.validate('account_options', options);
      assert.equal(valid, false, `schema accepts ${what}`);
      const pointer = `/${key.slice('options.'.length)}`;
      assert.ok(errors.some((e) => e.startsWith(pointer)), `${what}: the schema names ${pointer}: ${errors.join('; ')}`);
      await assert.rejects(driver.createAccountClient(options), (e) => {
        assert.equal(e.statusName, 'invalid_argument', what);
        assert.ok(e.message.startsWith(`${key}: `), `${what}: the driver names ${key}: ${e.message}`);
        return true;
      });
    }
    for (const [what, options] of GOOD_OPTIONS) {
      assert.deepEqual(open.validate('account_options', options).errors, [], what);
      const client = await driver.createAccountClient(options);
      await client.close();
    }
  } finally {
    driver.close();
  }
});

const BAD_CREDENTIALS = [
  ['no login', { password: 'pw' }, 'credentials.login'],
  ['an empty login', { login: '', password: 'pw' }, 'credentials.login'],
  ['no password', { login: 'me' }, 'credentials.password'],
  ['a password as a number', { login: 'me', password: 1234 }, 'credentials.password'],
  ['a code with letters', { login: 'me', password: 'pw', code: '12ab56' }, 'credentials.code'],
  ['a code as a number', { login: 'me', password: 'pw', code: 123456 }, 'credentials.code'],
  ['method "v3"', { login: 'me', password: 'pw', method: 'v3' }, 'credentials.method'],
];
const GOOD_CREDENTIALS = [
  ['login and password', { login: 'me@example.com', password: 'correct horse' }],
  ['every key, legacy', { schema_version: 1, login: 'me', password: 'pw', code: '123456', method: 'legacy' }],
  ['an empty code', { login: 'me', password: 'pw', code: '', method: 'v2' }],
];
const BAD_CONNECTION_REQUESTS = [
  ['no token', { server: 'Office' }, 'request.token'],
  ['an empty token', { token: '' }, 'request.token'],
  ['a token with a space', { token: 'abc def' }, 'request.token'],
  ['a token as a number', { token: 12345 }, 'request.token'],
  ['server as a number', { token: 'abc', server: 5 }, 'request.server'],
  ['name as a boolean', { token: 'abc', name: false }, 'request.name'],
  ['a name with a line break', { token: 'abc', name: 'NAS\nX' }, 'request.name'],
  ['allow_relay as text', { token: 'abc', allow_relay: 'no' }, 'request.allow_relay'],
];
const GOOD_CONNECTION_REQUESTS = [
  ['the token only', { token: 'abc' }],
  ['every key', { schema_version: 1, token: 'abc-DEF_123', server: 'Office', name: 'Living room', allow_relay: false }],
  ['an empty server', { token: 'abc', server: '' }],
];

test('account_credentials and account_connection_request: the schema and the driver agree', async () => {
  const driver = pd.loadDriver(env.DRIVER);
  const client = await driver.createAccountClient(BASE_OPTIONS);
  try {
    const cases = [
      ['account_credentials', BAD_CREDENTIALS, GOOD_CREDENTIALS, (doc) => client.signIn(doc)],
      ['account_connection_request', BAD_CONNECTION_REQUESTS, GOOD_CONNECTION_REQUESTS, (doc) => client.chooseConnection(doc)],
    ];
    for (const [schema, bad, good, call] of cases) {
      for (const [what, doc, key] of bad) {
        const { valid, errors } = open.validate(schema, doc);
        assert.equal(valid, false, `${schema}: schema accepts ${what}`);
        const pointer = `/${key.split('.')[1]}`;
        assert.ok(errors.some((e) => e.startsWith(pointer)), `${what}: the schema names ${pointer}: ${errors.join('; ')}`);
        const r = await call(doc);
        assert.equal(r.statusName, 'invalid_argument', `${what}: ${r.statusName} ${r.message}`);
        assert.ok(r.message.startsWith(`${key}: `), `${what}: the driver names ${key}: ${r.message}`);
        assert.ok(!r.message.includes('abc def') && !r.message.includes('1234'), 'a secret is never echoed');
      }
      for (const [what, doc] of good) {
        assert.deepEqual(open.validate(schema, doc).errors, [], `${schema}: ${what}`);
        const r = await call(doc);
        assert.equal(r.statusName, 'unreachable', `${schema}: ${what}: ${r.message}`);
      }
    }
  } finally {
    await client.close();
    driver.close();
  }
});

// ---- provider_config: the schema and the driver agree --------------------------------------

// The manager roots must exist (create checks them): [what, config(root), the key the driver names].
const mapped = (root, player = '/data/movies') => [{ metarr_path: root, player_path: player }];
const BAD_PROVIDER_CONFIGS = [
  ['no path_mappings', () => ({ host: '127.0.0.1', plex_token: 'abc' }), 'config.path_mappings'],
  ['no mapping at all', () => ({ path_mappings: [] }), 'config.path_mappings'],
  ['path_mappings as an object', (root) => ({ path_mappings: { [root]: '/data/movies' } }), 'config.path_mappings'],
  ['a mapping that is a string', (root) => ({ path_mappings: [root] }), 'config.path_mappings[0]'],
  ['a mapping without player_path', (root) => ({ path_mappings: [{ metarr_path: root }] }), 'config.path_mappings[0].player_path'],
  ['a mapping without metarr_path', () => ({ path_mappings: [{ player_path: '/data/movies' }] }), 'config.path_mappings[0].metarr_path'],
  ['an empty metarr_path', () => ({ path_mappings: mapped('') }), 'config.path_mappings[0].metarr_path'],
  ['a relative metarr_path', () => ({ path_mappings: mapped('movies') }), 'config.path_mappings[0].metarr_path'],
  ['a Windows metarr_path', () => ({ path_mappings: mapped('C:\\Media\\Movies') }), 'config.path_mappings[0].metarr_path'],
  ['metarr_path as a number', () => ({ path_mappings: mapped(5) }), 'config.path_mappings[0].metarr_path'],
  ['a second mapping with a relative metarr_path', (root) => ({ path_mappings: [...mapped(root), ...mapped('tv', '/data/tv')] }), 'config.path_mappings[1].metarr_path'],
  ['a relative player_path', (root) => ({ path_mappings: mapped(root, 'data/movies') }), 'path_mappings[0].player_path'],
  ['a player_path with ".."', (root) => ({ path_mappings: mapped(root, '/data/../movies') }), 'path_mappings[0].player_path'],
  ['a metarr_path with ".."', (root) => ({ path_mappings: mapped(`${root}/..`) }), 'path_mappings[0].metarr_path'],
  ['provider as text', (root) => ({ path_mappings: mapped(root), provider: 'plexdriver' }), 'config.provider'],
  ['provider as an array', (root) => ({ path_mappings: mapped(root), provider: [] }), 'config.provider'],
  ['a name with a hyphen', (root) => ({ path_mappings: mapped(root), provider: { name: 'plex-driver' } }), 'config.provider.name'],
  ['a name starting with a dot', (root) => ({ path_mappings: mapped(root), provider: { name: '.metarr' } }), 'config.provider.name'],
  ['a name ending with a dot', (root) => ({ path_mappings: mapped(root), provider: { name: 'metarr.' } }), 'config.provider.name'],
  ['a 65-character name', (root) => ({ path_mappings: mapped(root), provider: { name: 'n'.repeat(65) } }), 'config.provider.name'],
  ['an empty name', (root) => ({ path_mappings: mapped(root), provider: { name: '' } }), 'config.provider.name'],
  ['a name as a number', (root) => ({ path_mappings: mapped(root), provider: { name: 42 } }), 'config.provider.name'],
  ['an empty title', (root) => ({ path_mappings: mapped(root), provider: { title: '' } }), 'config.provider.title'],
  ['a 101-character title', (root) => ({ path_mappings: mapped(root), provider: { title: 't'.repeat(101) } }), 'config.provider.title'],
  ['a title with a line break', (root) => ({ path_mappings: mapped(root), provider: { title: 'Metarr\nNFO' } }), 'config.provider.title'],
  ['a title as a boolean', (root) => ({ path_mappings: mapped(root), provider: { title: true } }), 'config.provider.title'],
  ['public_url without a scheme', (root) => ({ path_mappings: mapped(root), provider: { public_url: 'nas.local:7878/pd' } }), 'config.provider.public_url'],
  ['public_url ftp', (root) => ({ path_mappings: mapped(root), provider: { public_url: 'ftp://nas.local/pd' } }), 'config.provider.public_url'],
  ['public_url HTTP in capitals', (root) => ({ path_mappings: mapped(root), provider: { public_url: 'HTTP://nas.local/pd' } }), 'config.provider.public_url'],
  ['public_url with no host', (root) => ({ path_mappings: mapped(root), provider: { public_url: 'http://' } }), 'config.provider.public_url'],
  ['public_url with a space', (root) => ({ path_mappings: mapped(root), provider: { public_url: 'http://nas.local/my pd' } }), 'config.provider.public_url'],
  ['public_url with a tab', (root) => ({ path_mappings: mapped(root), provider: { public_url: 'http://nas.local/\tpd' } }), 'config.provider.public_url'],
  ['public_url as a number', (root) => ({ path_mappings: mapped(root), provider: { public_url: 7878 } }), 'config.provider.public_url'],
  ['image_links not one of the three', (root) => ({ path_mappings: mapped(root), provider: { image_links: 'sometimes' } }), 'config.provider.image_links'],
  ['image_links as a boolean', (root) => ({ path_mappings: mapped(root), provider: { image_links: true } }), 'config.provider.image_links'],
];
const GOOD_PROVIDER_CONFIGS = [
  ['one mapping', (root) => ({ path_mappings: mapped(root) })],
  ['the instance config as it is', (root) => ({ ...BASE_CONFIG, name: 'Living room', path_mappings: mapped(root), skip_active: 'item' })],
  ['every provider key', (root) => ({
    schema_version: 1, path_mappings: [...mapped(`${root}/`), { metarr_path: os.tmpdir(), player_path: '/data/tv' }],
    provider: { name: 'metarr.nas.2', title: 'Métarr NFO — living room', public_url: 'https://nas.local:7878/plex-provider/' },
  })],
  ['an empty public_url', (root) => ({ path_mappings: mapped(root), provider: { public_url: '' } })],
  ['an IPv6 public_url', (root) => ({ path_mappings: mapped(root), provider: { public_url: 'http://[fd00::5]:7878' } })],
  ['a 64-character name and a 100-character title', (root) => ({ path_mappings: mapped(root), provider: { name: `a.${'b'.repeat(62)}`, title: 't'.repeat(100) } })],
  ['an empty provider object', (root) => ({ path_mappings: mapped(root), provider: {} })],
  ['Windows player paths', (root) => ({ path_mappings: [...mapped(root, 'M:\\Media\\Movies'), { metarr_path: os.tmpdir(), player_path: '\\\\nas\\media' }] })],
  ['a provider setting the driver ignores', (root) => ({ path_mappings: mapped(root), provider: { name: 'metarr', page_size: 50 } })],
];

test('provider_config: what the schema refuses the driver refuses, naming the same key', { skip: skipWithoutProvider() }, async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-provider-config-'));
  const driver = pd.loadDriver(env.DRIVER);
  try {
    for (const [what, make, key] of BAD_PROVIDER_CONFIGS) {
      const config = make(root);
      const { valid, errors } = open.validate('provider_config', config);
      assert.equal(valid, false, `schema accepts ${what}`);
      const pointer = `/${key.replace(/^config\./, '').replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/')}`;
      assert.ok(errors.some((e) => e.startsWith(pointer)), `${what}: the schema names ${pointer}: ${errors.join('; ')}`);
      await assert.rejects(driver.createProvider(config), (e) => {
        assert.equal(e.statusName, 'invalid_config', `${what}: ${e.message}`);
        assert.ok(e.message.startsWith(`${key}: `), `${what}: the driver names ${key}: ${e.message}`);
        return true;
      });
    }
    for (const [what, make] of GOOD_PROVIDER_CONFIGS) {
      const config = make(root);
      assert.deepEqual(open.validate('provider_config', config).errors, [], what);
      const provider = await driver.createProvider(config);
      await provider.close();
    }
    // What only the driver can check: the manager root must be a folder on this machine.
    const missing = { path_mappings: mapped(path.join(root, 'not-there')) };
    assert.equal(open.validate('provider_config', missing).valid, true);
    await assert.rejects(driver.createProvider(missing), (e) => e.statusName === 'invalid_config'
      && e.message.startsWith('config.path_mappings[0].metarr_path: '));
  } finally {
    driver.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('the SDK installs the schemas the tests check (same files as plugin_api/schemas/v1)', () => {
  // lib/schemas.js defaults to the repository copy; the installed copy is checked by the install
  // test (tests/install). Here: the default directory is the one under test.
  assert.equal(path.resolve(pd.createValidators().dir), path.resolve(env.SCHEMA_DIR));
});
