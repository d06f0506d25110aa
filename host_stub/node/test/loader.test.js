'use strict';
// Loading drivers the way a host must, with the ABI test drivers (tests/abi/drivers): each load
// failure has its own kind; a driver built against the frozen 1.0 header works and its missing
// members read as absent; a newer driver loads; a host offering an older minor gets the older
// tables (no event callback, no 1.2 members); a throwing driver returns a status and message;
// a plugins directory is scanned without one bad file stopping the others.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const pd = require('../lib');
const env = require('./support/env');
const { Emulator, waitFor } = require('./support/emulator');
const { MediaTree } = require('./support/media');

const abiDriver = (name) => path.join(env.ABI_DRIVERS, `${name}.so`);

test('each load failure has its own kind and a message naming the file', () => {
  const cases = [
    [path.join(os.tmpdir(), 'no-such-driver.so'), 'open_failed', /no such file/],
    [__filename, 'open_failed', /cannot open driver/],
    [abiDriver('abi_bad_no_entry'), 'missing_entry', /does not export "player_driver_entry"/],
    [abiDriver('abi_bad_null_entry'), 'invalid_entry', /returned NULL/],
    [abiDriver('abi_bad_wrong_major'), 'incompatible_abi', /speaks PlayerDriver ABI 2\.\d+, this host speaks 1\.\d+/],
    [abiDriver('abi_bad_refuses'), 'incompatible_abi', /refused ABI 1\.\d+/],
    [abiDriver('abi_bad_no_interface'), 'missing_interface', /"pd\.driver\/1"/],
  ];
  for (const [file, kind, message] of cases) {
    assert.throws(() => pd.loadDriver(file), (e) => {
      assert.ok(e instanceof pd.DriverLoadError, `${file}: ${e}`);
      assert.equal(e.kind, kind, `${file}: ${e.message}`);
      assert.match(e.message, message);
      assert.ok(e.message.includes(file), 'the message names the file');
      return true;
    });
  }
});

test('a driver built against the frozen ABI 1.0 header: its table ends at sync', async () => {
  const driver = pd.loadDriver(abiDriver('abi_minimal_c_driver'));
  assert.equal(driver.info.abiMinor, 0);
  assert.equal(driver.info.negotiatedMinor, 0);
  assert.equal(driver.info.interfaceSize, 56);
  assert.equal(driver.has('sync'), true);
  assert.equal(driver.has('find'), false, 'past struct_size: absent, never read');
  const logs = [];
  const instance = await driver.createInstance({ host: 'anywhere' }, { onLog: (level, message) => logs.push([level, message]) });
  assert.deepEqual(logs, [['info', 'minimal-c driver: instance created']]);
  const caps = await instance.capabilities();
  assert.equal(caps.document.driver_id, 'org.example.minimal-c');
  const report = await instance.testConnection();
  assert.equal(report.statusName, 'ok');
  assert.equal(report.document.ok, true);
  const sync = await instance.sync({ changes: [{ path: '/x', kind: 'added' }] });
  assert.equal(sync.statusName, 'unsupported');
  assert.match(sync.message, /cannot sync/);
  const find = await instance.find('/x');
  assert.equal(find.statusName, 'unsupported');
  assert.match(find.message, /does not provide find/);
  // Its documents are valid PlayerDriver documents too.
  const validators = pd.createValidators();
  assert.deepEqual(validators.validate('capabilities', caps.document).errors, []);
  assert.deepEqual(validators.validate('test_connection', report.document).errors, []);
  await instance.destroy();
  driver.close();
});

test('create refuses a config the driver rejects, with the driver\'s status and message', async () => {
  const driver = pd.loadDriver(abiDriver('abi_minimal_c_driver'));
  await assert.rejects(driver.createInstance('not json'), (e) => {
    assert.equal(e.statusName, 'invalid_config');
    assert.equal(e.message, 'config: expected a JSON object');
    return true;
  });
  driver.close();
});

test('a newer driver (minor 7, larger entry struct) loads; the minor is negotiated down', () => {
  const driver = pd.loadDriver(abiDriver('abi_future_minor'));
  assert.equal(driver.info.abiMinor, 7);
  assert.equal(driver.info.negotiatedMinor, pd.ABI_MINOR);
  assert.ok(driver.info.entrySize > 48);
  driver.close();
});

test('a driver that throws inside every entry point still answers with a status and message', async () => {
  const driver = pd.loadDriver(abiDriver('abi_throwing_driver'));
  const caps = await driver.capabilities();
  assert.equal(caps.statusName, 'internal');
  assert.ok(caps.message.length > 0);
  await assert.rejects(driver.createInstance({}), (e) => e.statusName === 'internal' && /boom in create/.test(e.message));
  driver.close();
});

test('a host callback that throws is reported as a warning; the call completes', async () => {
  const driver = pd.loadDriver(abiDriver('abi_minimal_c_driver'));
  const warnings = [];
  const onWarning = (w) => warnings.push(String(w.message));
  process.on('warning', onWarning);
  try {
    const instance = await driver.createInstance({}, { onLog: () => { throw new Error('host bug'); } });
    await new Promise((r) => setImmediate(r));
    assert.ok(warnings.some((w) => w.includes('log callback threw') && w.includes('host bug')), warnings.join('\n'));
    await instance.destroy();
  } finally {
    process.off('warning', onWarning);
  }
  driver.close();
});

test('close() refuses while instances live', async () => {
  const driver = pd.loadDriver(abiDriver('abi_minimal_c_driver'));
  const instance = await driver.createInstance({});
  assert.throws(() => driver.close(), /still alive/);
  await instance.destroy();
  await instance.destroy(); // idempotent
  await assert.rejects(instance.testConnection(), /destroyed/);
  driver.close();
  await assert.rejects(driver.capabilities(), /closed/);
});

test('a plugins directory: every driver in it is tried, bad ones reported, not fatal', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-plugins-'));
  try {
    fs.symlinkSync(env.DRIVER, path.join(dir, 'libplex_driver.so'));
    fs.symlinkSync(abiDriver('abi_minimal_c_driver'), path.join(dir, 'minimal.so'));
    fs.symlinkSync(abiDriver('abi_bad_no_entry'), path.join(dir, 'broken.so'));
    fs.writeFileSync(path.join(dir, 'README.txt'), 'not a driver');
    const found = pd.discoverDrivers(dir);
    assert.deepEqual(found.map((f) => path.basename(f.file)), ['broken.so', 'libplex_driver.so', 'minimal.so']);
    assert.equal(found[0].error.kind, 'missing_entry');
    assert.equal(found[1].driver.info.id, 'tv.plex');
    assert.equal(found[2].driver.info.id, 'org.example.minimal-c');
    for (const f of found) if (f.driver) f.driver.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a host that offers ABI 1.1: a 1.1 pd_host (no event callback) and no 1.2 members', { timeout: 120000 }, async (t) => {
  const emulator = await Emulator.start();
  const media = new MediaTree();
  t.after(async () => {
    await emulator.stop();
    media.cleanup();
  });
  const driver = pd.loadDriver(env.DRIVER, { hostMinor: 1 });
  assert.equal(driver.info.negotiatedMinor, 1);
  assert.equal(driver.has('find'), true);
  assert.equal(driver.has('sessions'), false);
  assert.equal(driver.has('handle_webhook'), false);
  const events = [];
  const logs = [];
  const instance = await driver.createInstance(emulator.config([[media.path('movies'), '/data/movies']]), {
    onEvent: (e) => events.push(e),
    onLog: (level, message) => logs.push(message),
  });
  try {
    assert.equal((await instance.connect()).statusName, 'ok');
    await emulator.addFiles(['/data/movies/Arrival (2016)/Arrival (2016).mkv']);
    const folder = media.add('movies/Arrival (2016)');
    const r = await instance.sync({ changes: [{ path: folder, kind: 'added' }] });
    assert.equal(r.document.status, 'completed');
    assert.equal(r.document.scans[0].observed_via, 'websocket', 'the websocket ran');
    assert.equal((await instance.find(folder)).document.found, true);
    assert.equal((await instance.sessions()).statusName, 'unsupported');
    // The scan's events happened, but this host's pd_host has no event member: none arrive.
    await waitFor(() => logs.length > 0, 'a log line');
    await new Promise((r2) => setTimeout(r2, 200));
    assert.deepEqual(events, []);
  } finally {
    await instance.destroy();
    driver.close();
  }
});
