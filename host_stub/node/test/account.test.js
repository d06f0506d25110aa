'use strict';
// The account interface ("pd.account/1") from Node.js as Metarr uses it, against the standalone
// plex.tv emulator and PMS emulator executables: a PIN sign-in approved through the emulator's
// control API while waitPin reports progress, the token checked, the account's servers listed, a
// connection chosen (the unreachable local address falls back to the remote one), a pd_driver
// instance created from the ready config and tested against the PMS emulator; an expired PIN;
// waitPin cancelled with an AbortSignal and by close(); password sign-in with a two-factor code;
// a revoked token; a driver without the interface. Assertions are on what the emulators
// recorded. Every document is then checked against the closed JSON Schemas and documents.d.ts,
// and no token or password may appear in a log line, progress message or error message.

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const pd = require('../lib');
const env = require('./support/env');
const { Emulator, waitFor } = require('./support/emulator');
const { PlexTvEmulator } = require('./support/plextv');
const { DocumentLog } = require('./support/documents');

const secret = (what) => `${what}-${crypto.randomBytes(10).toString('hex')}`;
const ACCOUNT_TOKEN = secret('account');
const CAREFUL_TOKEN = secret('careful');
const PASSWORD = secret('password');
const CAREFUL_PASSWORD = secret('staple');
const TWO_FACTOR_CODE = '246810';
const MACHINE = `node-test-machine-${crypto.randomBytes(6).toString('hex')}`;
const CLIENT_ID = 'metarr-node-test';

const FIXTURE = {
  accounts: [
    { username: 'someone', email: 'someone@example.com', password: PASSWORD, token: ACCOUNT_TOKEN, plex_pass: true },
    { username: 'careful', email: 'careful@example.com', password: CAREFUL_PASSWORD, token: CAREFUL_TOKEN, two_factor_code: TWO_FACTOR_CODE },
  ],
};

// Every document the driver wrote, with its schema and the TS type it must fit.
const TS_TYPE = {
  account_pin: 'AccountPin', account_pin_status: 'AccountPinStatus', account_login: 'AccountLogin',
  account_token: 'AccountToken', account_servers: 'AccountServers', account_connection: 'AccountConnection',
  test_connection: 'TestConnectionReport',
};
const log = new DocumentLog(TS_TYPE);
const collect = (schema, where, doc) => log.collect(schema, where, doc);

// Everything the host was told in text: where no secret may appear.
const texts = [];
function noteMessage(where, result) {
  if (result.message) texts.push(`${where}: ${result.message}`);
}

async function closedPort() {
  const server = net.createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

test('plex.tv sign-in from Node.js against the plex.tv and PMS emulators', { timeout: 240000 }, async (t) => {
  const pms = await Emulator.start({ name: 'Office', args: ['--machine-identifier', MACHINE] });
  const plextv = await PlexTvEmulator.start({ fixture: FIXTURE });
  const unreachable = await closedPort();
  await plextv.addResource({
    owner: 'someone',
    name: 'Office',
    client_identifier: MACHINE,
    access_token: pms.token,
    connections: [
      { protocol: 'https', address: '127.0.0.1', port: unreachable, uri: `https://127-0-0-1.0123abcd.plex.direct:${unreachable}`, relay: true },
      { protocol: 'http', address: '127.0.0.1', port: pms.port, local: false },
      { protocol: 'http', address: '127.0.0.1', port: unreachable, local: true },
    ],
  });
  await plextv.addResource({ owner: 'someone', name: 'Basement', client_identifier: 'basement-machine', access_token: secret('basement'), presence: false, connections: [] });

  const driver = pd.loadDriver(env.DRIVER);
  const logs = [];
  const progress = [];
  const options = {
    plex_tv_url: plextv.url, client_identifier: CLIENT_ID, product: 'Metarr', device_name: 'Metarr test',
    pin_poll_ms: 100, timeout_seconds: 10, probe_timeout_seconds: 10,
  };
  const account = await driver.createAccountClient(options, {
    onLog: (level, message) => logs.push({ level, message }),
    onProgress: (p) => progress.push(p),
  });
  let token = null;
  let config = null;

  t.after(async () => {
    await account.close();
    try {
      driver.close(); // idempotent; throws only if a subtest left something open
    } finally {
      await pms.stop();
      await plextv.stop();
    }
  });

  await t.test('the driver offers the account interface; a bad option is refused naming it', async () => {
    assert.ok(driver.hasInterface(pd.ACCOUNT_INTERFACE_ID));
    assert.deepEqual(driver.info.interfaces.slice(0, 2), ['pd.driver/1', 'pd.account/1']);  // then pd.provider/1 where offered
    assert.ok(driver.info.account.interfaceSize >= 80);
    assert.ok(Object.values(driver.info.account.operations).every(Boolean), 'every pd_account member');
    await assert.rejects(driver.createAccountClient({ ...options, plex_tv_url: 'plex.tv' }), (e) => {
      assert.ok(e instanceof pd.DriverCallError);
      assert.equal(e.statusName, 'invalid_argument');
      assert.match(e.message, /^options\.plex_tv_url: /);
      return true;
    });
    assert.throws(() => account.checkToken(undefined), /token: expected a string/);
    assert.deepEqual(await plextv.requests(), [], 'create does no network I/O');
  });

  await t.test('PIN sign-in: startPin, the user approves, waitPin receives the token with progress', async () => {
    const started = await account.startPin();
    assert.equal(started.statusName, 'ok', started.message);
    const pin = collect('account_pin', 'start_pin', started.document);
    assert.equal(pin.client_identifier, CLIENT_ID);
    assert.equal(pin.expires_in, 900);
    const auth = new URL(pin.auth_url.replace('#?', '?'));
    assert.equal(auth.origin + auth.pathname, 'https://app.plex.tv/auth');
    assert.equal(auth.searchParams.get('clientID'), CLIENT_ID);
    assert.equal(auth.searchParams.get('code'), pin.code);
    assert.equal(auth.searchParams.get('context[device][product]'), 'Metarr');
    // plex.tv was asked for a strong PIN, by this client.
    const [created] = await plextv.requests();
    assert.equal(created.method, 'POST');
    assert.equal(created.path, '/api/v2/pins');
    assert.equal(created.params.strong, 'true');
    assert.equal(created.headers['x-plex-client-identifier'], CLIENT_ID);
    assert.equal(created.headers['x-plex-product'], 'Metarr');
    assert.equal(created.status, 201);
    const [view] = await plextv.pins();
    assert.equal(view.id, pin.id);
    assert.equal(view.strong, true);
    assert.equal(view.code, pin.code);

    const waiting = await account.checkPin(pin);
    assert.equal(waiting.statusName, 'ok', waiting.message);
    const status = collect('account_pin_status', 'check_pin (waiting)', waiting.document);
    assert.equal(status.approved, false);
    assert.equal(status.id, pin.id);

    const seen = [];
    const login = account.waitPin(pin, { onProgress: (p) => seen.push(p) });
    // The user approves at app.plex.tv once the driver has been polling for a while.
    await waitFor(async () => (await plextv.pins())[0].polls >= 3, 'waitPin polling plex.tv');
    assert.ok(seen.length >= 1, 'progress while waiting');
    await plextv.approvePin('someone', pin.id);
    const r = await login;
    assert.equal(r.statusName, 'ok', r.message);
    const doc = collect('account_login', 'wait_pin', r.document);
    assert.equal(doc.method, 'pin');
    assert.equal(doc.token, ACCOUNT_TOKEN);
    assert.equal(doc.client_identifier, CLIENT_ID);
    assert.equal(doc.user.username, 'someone');
    assert.equal(doc.user.plex_pass, true);
    token = doc.token;

    // Progress: the share of the PIN's lifetime used with the time left, then "approved".
    const waitingUpdates = seen.slice(0, -1);
    assert.ok(waitingUpdates.length >= 1);
    for (const p of waitingUpdates) {
      assert.ok(p.fraction >= 0 && p.fraction < 0.1, `fraction ${p.fraction}`);
      assert.match(p.message, /waiting for the sign-in to be approved at plex\.tv, 1[45]:\d\d left/);
      assert.equal(typeof p.call, 'bigint');
    }
    assert.deepEqual(seen.at(-1).fraction, 1);
    assert.equal(seen.at(-1).message, 'approved');
    assert.ok(progress.length >= seen.length, 'the client-wide onProgress saw them too');

    // What plex.tv saw: polls of this PIN by this client, then the account looked up with the
    // token the PIN carried.
    const recorded = await plextv.requests();
    const polls = recorded.filter((q) => q.method === 'GET' && q.path === `/api/v2/pins/${pin.id}`);
    assert.ok(polls.length >= 4, `${polls.length} polls`);
    assert.ok(polls.every((q) => q.headers['x-plex-client-identifier'] === CLIENT_ID && q.token === ''));
    assert.equal(polls.at(-1).status, 200);
    const user = recorded.at(-1);
    assert.equal(user.path, '/api/v2/user');
    assert.equal(user.token, '<redacted>');
    assert.equal(user.token_owner, 'someone');

    const again = await account.checkPin({ id: pin.id });
    assert.equal(collect('account_login', 'check_pin (approved)', again.document).token, ACCOUNT_TOKEN);
  });

  await t.test('the token is valid; the account lists its servers without their tokens', async () => {
    await plextv.clearRequests();
    const check = await account.checkToken(token);
    assert.equal(check.statusName, 'ok', check.message);
    const doc = collect('account_token', 'check_token (valid)', check.document);
    assert.equal(doc.valid, true);
    assert.equal(doc.user.username, 'someone');

    const listed = await account.servers(token);
    assert.equal(listed.statusName, 'ok', listed.message);
    const servers = collect('account_servers', 'servers', listed.document);
    assert.deepEqual(servers.servers.map((s) => s.name), ['Office', 'Basement']);
    const office = servers.servers[0];
    assert.equal(office.machine_identifier, MACHINE);
    assert.deepEqual(office.connections.map((c) => c.kind), ['relay', 'remote', 'local']);
    assert.equal(servers.servers[1].online, false);
    assert.ok(!listed.json.includes(pms.token), 'no server token in the servers document');
    const recorded = await plextv.requests();
    assert.deepEqual(recorded.map((q) => q.path), ['/api/v2/user', '/api/v2/resources']);
    assert.equal(recorded[1].params.includeHttps, '1');
    assert.equal(recorded[1].params.includeRelay, '1');
    assert.ok(recorded.every((q) => q.token_owner === 'someone'));
  });

  await t.test('chooseConnection: the unreachable local address falls back to remote; a ready config', async () => {
    await pms.control('DELETE', 'requests');
    const seen = [];
    const r = await account.chooseConnection({ schema_version: 1, token, server: 'office', name: 'Living room' }, { onProgress: (p) => seen.push(p) });
    assert.equal(r.statusName, 'ok', r.message);
    const doc = collect('account_connection', 'choose_connection', r.document);
    const remote = `http://127.0.0.1:${pms.port}`;
    assert.equal(doc.server.machine_identifier, MACHINE);
    assert.deepEqual(doc.chosen && [doc.chosen.uri, doc.chosen.kind], [remote, 'remote']);
    // Tried in order: local, remote, relay.
    assert.deepEqual(doc.candidates.map((c) => [c.kind, c.result]), [['local', 'rejected'], ['remote', 'chosen'], ['relay', 'rejected']]);
    assert.equal(doc.candidates[0].uri, `http://127.0.0.1:${unreachable}`);
    assert.equal(doc.candidates[0].status, 'unreachable');
    assert.ok(doc.candidates[0].reason.length > 0);
    assert.deepEqual(doc.other_servers, ['Basement']);
    assert.equal(doc.error, null);
    config = doc.config;
    assert.deepEqual(
      [config.name, config.host, config.port, config.use_https, config.plex_token, config.plex_account_token, config.client_identifier, config.plex_tv_url, config.token_keepalive],
      ['Living room', '127.0.0.1', pms.port, false, pms.token, ACCOUNT_TOKEN, CLIENT_ID, plextv.url, true]);
    assert.ok(seen.length >= 2 && seen.at(-1).fraction === 1, 'progress of the choice');
    // The PMS emulator was asked who it is, without a token.
    const probed = await pms.requests();
    assert.deepEqual(probed.map((q) => [q.path, q.token, q.status]), [['/identity', '', 200]]);
  });

  await t.test('a pd_driver instance from the ready config passes test-connection', async () => {
    await pms.control('DELETE', 'requests');
    const instance = await driver.createInstance(config, { onLog: (level, message) => logs.push({ level, message }) });
    try {
      const r = await instance.testConnection();
      assert.equal(r.statusName, 'ok', r.message);
      const doc = collect('test_connection', 'test_connection (ready config)', r.document);
      assert.equal(doc.ok, true);
      assert.equal(doc.url, `http://127.0.0.1:${pms.port}`);
      const recorded = await pms.requests();
      assert.deepEqual(recorded.slice(0, 3).map((q) => [q.path, q.token, q.status]),
        [['/identity', '', 200], ['/', '<redacted>', 200], ['/library/sections', '<redacted>', 200]]);
    } finally {
      await instance.destroy();
    }
  });

  await t.test('an expired PIN: not_found, for waitPin and checkPin', async () => {
    const pin = collect('account_pin', 'start_pin (to expire)', (await account.startPin()).document);
    const login = account.waitPin(pin);
    await waitFor(async () => (await plextv.pins()).find((p) => p.id === pin.id).polls >= 1, 'the first poll');
    await plextv.expirePin(pin.id);
    const r = await login;
    assert.equal(r.statusName, 'not_found');
    assert.equal(r.document, null);
    assert.match(r.message, new RegExp(`sign-in PIN ${pin.id} expired before it was approved.*start the sign-in again`));
    noteMessage('wait_pin expired', r);
    const checked = await account.checkPin(pin);
    assert.equal(checked.statusName, 'not_found');
    // plex.tv answered the last poll 404 (error 1020).
    const polls = (await plextv.requests()).filter((q) => q.path === `/api/v2/pins/${pin.id}`);
    assert.deepEqual(polls.slice(-2).map((q) => q.status), [404, 404]);

    // A PIN whose lifetime runs out while waiting: the wait ends by itself.
    await plextv.settings({ pin_lifetime_seconds: 1 });
    try {
      const short = collect('account_pin', 'start_pin (1 s)', (await account.startPin()).document);
      assert.equal(short.expires_in, 1);
      const ended = await account.waitPin(short);
      assert.equal(ended.statusName, 'not_found', ended.message);
      noteMessage('wait_pin lifetime', ended);
    } finally {
      await plextv.settings({ pin_lifetime_seconds: 900 });
    }
  });

  await t.test('waitPin is cancelled by an AbortSignal, and by close()', async () => {
    const pin = collect('account_pin', 'start_pin (to cancel)', (await account.startPin()).document);
    const controller = new AbortController();
    const login = account.waitPin(pin, { signal: controller.signal });
    await waitFor(async () => (await plextv.pins()).find((p) => p.id === pin.id).polls >= 2, 'polling');
    controller.abort();
    const r = await login;
    assert.equal(r.statusName, 'cancelled');
    assert.equal(r.document, null);
    assert.match(r.message, /cancelled before the PIN was approved/);
    noteMessage('wait_pin cancelled', r);
    // The driver stopped polling when the call returned.
    const polled = (await plextv.pins()).find((p) => p.id === pin.id).polls;
    await plextv.approvePin('someone', pin.id);
    assert.equal((await plextv.pins()).find((p) => p.id === pin.id).polls, polled);

    // A signal aborted before the call: nothing is asked.
    const before = (await plextv.requests()).length;
    const aborted = await account.waitPin(pin, { signal: AbortSignal.abort() });
    assert.equal(aborted.statusName, 'cancelled');
    assert.equal((await plextv.requests()).length, before);

    // close() ends a wait in progress; nothing of the client runs afterwards.
    const other = await driver.createAccountClient(options, { onLog: (level, message) => logs.push({ level, message }) });
    const pin2 = (await other.startPin()).document;
    const waiting = other.waitPin(pin2);
    await waitFor(async () => (await plextv.pins()).find((p) => p.id === pin2.id).polls >= 1, 'polling');
    await other.close();
    assert.equal((await waiting).statusName, 'cancelled');
    assert.ok(other.closed);
    await assert.rejects(other.startPin(), /closed/);
    assert.equal(pd.counters.lateCallbacks, 0);
  });

  await t.test('password sign-in: a two-factor code is asked for, then accepted', async () => {
    await plextv.clearRequests();
    const withoutCode = await account.signIn({ login: 'careful@example.com', password: CAREFUL_PASSWORD });
    assert.equal(withoutCode.statusName, 'unauthorized');
    assert.equal(withoutCode.detail, 1029);
    assert.equal(withoutCode.document, null);
    noteMessage('sign_in without code', withoutCode);
    const withCode = await account.signIn({ login: 'careful@example.com', password: CAREFUL_PASSWORD, code: TWO_FACTOR_CODE });
    assert.equal(withCode.statusName, 'ok', withCode.message);
    const doc = collect('account_login', 'sign_in (v2, code)', withCode.document);
    assert.equal(doc.method, 'password');
    assert.equal(doc.token, CAREFUL_TOKEN);
    assert.equal(doc.user.username, 'careful');
    assert.equal(doc.user.two_factor_enabled, true);
    const wrong = await account.signIn(JSON.stringify({ login: 'careful', password: 'not-it', code: TWO_FACTOR_CODE }));
    assert.equal(wrong.statusName, 'unauthorized');
    assert.equal(wrong.detail, 401);
    noteMessage('sign_in wrong password', wrong);
    const legacy = await account.signIn({ login: 'careful', password: CAREFUL_PASSWORD, code: TWO_FACTOR_CODE, method: 'legacy' });
    assert.equal(legacy.statusName, 'ok', legacy.message);
    assert.equal(collect('account_login', 'sign_in (legacy, code)', legacy.document).method, 'password_legacy');
    const bad = await account.signIn({ login: 'careful', password: CAREFUL_PASSWORD, code: 'abc' });
    assert.equal(bad.statusName, 'invalid_argument');
    assert.match(bad.message, /^credentials\.code: /);

    // What plex.tv received: the login, the code only the second time, never a readable password.
    const recorded = await plextv.requests();
    const v2 = recorded.filter((q) => q.path === '/api/v2/users/signin');
    assert.deepEqual(v2.map((q) => [q.status, q.form.login, q.form.password, q.form.verificationCode]), [
      [401, 'careful@example.com', '<redacted>', undefined],
      [201, 'careful@example.com', '<redacted>', '<redacted>'],
      [401, 'careful', '<redacted>', '<redacted>'],
    ]);
    const old = recorded.filter((q) => q.path === '/users/sign_in.json');
    assert.deepEqual(old.map((q) => [q.status, q.form['user[login]'], q.form['user[password]']]), [[201, 'careful', '<redacted>']]);
    assert.equal(recorded.length, 4, 'the bad code reached nobody');
  });

  await t.test('a revoked token: checkToken says so, servers is unauthorized', async () => {
    await plextv.revokeToken(ACCOUNT_TOKEN);
    try {
      const check = await account.checkToken(ACCOUNT_TOKEN);
      assert.equal(check.statusName, 'ok');
      const doc = collect('account_token', 'check_token (revoked)', check.document);
      assert.equal(doc.valid, false);
      assert.equal(doc.user, null);
      assert.match(doc.message, /401/);
      const servers = await account.servers(ACCOUNT_TOKEN);
      assert.equal(servers.statusName, 'unauthorized');
      noteMessage('servers revoked', servers);
      const choice = await account.chooseConnection({ token: ACCOUNT_TOKEN });
      assert.equal(choice.statusName, 'unauthorized');
      noteMessage('choose_connection revoked', choice);
      const last = (await plextv.requests()).at(-1);
      assert.deepEqual([last.path, last.status, last.token_owner], ['/api/v2/resources', 401, 'someone']);
    } finally {
      await plextv.revokeToken(ACCOUNT_TOKEN, false);
    }
  });

  await t.test('no token, password or code in logs, progress or messages; none printed by the emulators', () => {
    assert.ok(logs.some((l) => l.message.includes('signed in to plex.tv as "someone"')), 'the driver logged');
    const all = [...logs.map((l) => l.message), ...progress.map((p) => p.message), ...texts, plextv.output(), pms.output()];
    for (const s of [ACCOUNT_TOKEN, CAREFUL_TOKEN, pms.token, PASSWORD, CAREFUL_PASSWORD, TWO_FACTOR_CODE]) {
      const leaks = all.filter((line) => line.includes(s));
      assert.deepEqual(leaks, [], 'a secret in what the host was told');
    }
    // Tokens only where the host asked for them: account_login and account_connection.config.
    for (const { schema, doc } of log.documents) {
      const text = JSON.stringify(schema === 'account_connection' ? { ...doc, config: null } : doc);
      if (schema !== 'account_login') assert.ok(!text.includes(ACCOUNT_TOKEN) && !text.includes(pms.token), `${schema} carries no token`);
    }
  });

  await t.test('close the client and the library', async () => {
    await account.close();
    await account.close(); // idempotent
    assert.ok(account.closed);
    driver.close();
    assert.equal(pd.counters.lateCallbacks, 0);
  });

  await t.test('every document satisfies its JSON Schema, with no undocumented key', () => {
    const validators = log.assertSchemas(Object.keys(TS_TYPE));
    const config = log.first('account_connection').config;
    assert.deepEqual(validators.validate('config', config).errors, [], 'the ready config is a valid config');
  });

  await t.test('every document fits the TypeScript declarations (documents.d.ts)', () => {
    log.assertTypes();
  });
});

test('a driver without the account interface keeps working and reports it absent', async () => {
  const driver = pd.loadDriver(path.join(env.ABI_DRIVERS, 'abi_minimal_c_driver.so'));
  try {
    assert.equal(driver.hasInterface(pd.ACCOUNT_INTERFACE_ID), false);
    assert.deepEqual(driver.info.interfaces, ['pd.driver/1']);
    assert.equal(driver.info.account, null);
    await assert.rejects(driver.createAccountClient(), (e) => {
      assert.ok(e instanceof pd.DriverCallError);
      assert.equal(e.statusName, 'unsupported');
      assert.match(e.message, /does not provide the "pd\.account\/1" interface/);
      return true;
    });
    const instance = await driver.createInstance({ host: 'anywhere' });
    assert.equal((await instance.testConnection()).statusName, 'ok');
    await instance.destroy();
  } finally {
    driver.close();
  }
});
