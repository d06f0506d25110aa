'use strict';
// The Plex driver loaded from Node.js exactly as Metarr loads it, against the PMS emulator's
// standalone executable: negotiate, create with host callbacks, test-connection, syncs of every
// kind, find, sessions, webhooks received by a Node HTTP server, events from the driver's own
// threads, cancellation, a busy instance, the server going away, destroy. Assertions are on
// what the emulator recorded, not only on what the driver says. Every document the driver
// wrote is then checked against the JSON Schemas (closed: no undocumented key) and against the
// TypeScript declarations (documents.d.ts), so schemas and types say what the driver emits.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const pd = require('../lib');
const env = require('./support/env');
const { Emulator, waitFor } = require('./support/emulator');
const { MediaTree } = require('./support/media');
const { DocumentLog } = require('./support/documents');

// Every document the driver wrote, with the schema it must satisfy and the TS type it must fit.
const TS_TYPE = {
  capabilities: 'Capabilities', test_connection: 'TestConnectionReport', sync_result: 'SyncResult',
  find_result: 'FindResult', sessions: 'SessionsDocument', event: 'DriverEvent',
};
const log = new DocumentLog(TS_TYPE);
const collect = (schema, where, doc) => log.collect(schema, where, doc);

function requestsMatching(list, method, pathPrefix) {
  return list.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
}

test('the Plex driver from Node.js against the PMS emulator', { timeout: 240000 }, async (t) => {
  const media = new MediaTree();
  const logs = [];
  const progress = [];
  const events = [];
  const webhookResults = [];
  const watcherEvents = [];
  let instance = null;
  let watcher = null;
  let afterDestroy = 0;
  let destroyed = false;

  // The host's webhook endpoint (Metarr runs one): answer Plex at once, then hand the body over.
  const receiver = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200).end();
      const body = Buffer.concat(chunks);
      if (instance && !destroyed) {
        instance.handleWebhook(req.headers['content-type'] || '', body).then((r) => webhookResults.push(r));
      }
    });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  const webhookUrl = `http://127.0.0.1:${receiver.address().port}/plex-webhook`;

  const emulator = await Emulator.start({ webhookUrl });
  media.add('movies/Heat (1995)/Heat (1995).mkv');
  media.add('movies/Amélie (2001)/Amélie (2001).mkv');
  media.add('tv/Severance/Season 01/Severance - S01E01.mkv');
  const mappings = [[media.path('movies'), '/data/movies'], [media.path('tv'), '/data/tv']];
  const driver = pd.loadDriver(env.DRIVER);

  t.after(async () => {
    if (instance && !destroyed) await instance.destroy();
    if (watcher) await watcher.destroy();
    await emulator.stop();
    receiver.close();
    media.cleanup();
  });

  await t.test('load: entry, struct sizes, negotiation, interface', () => {
    assert.equal(driver.info.id, 'tv.plex');
    assert.equal(driver.info.abiMajor, pd.ABI_MAJOR);
    assert.equal(driver.info.negotiatedMinor, Math.min(driver.info.abiMinor, pd.ABI_MINOR));
    assert.equal(driver.info.entrySize, 48);
    assert.ok(driver.info.interfaceSize >= 80, 'an ABI 1.2 table');
    for (const member of ['create', 'destroy', 'connect', 'capabilities', 'test_connection', 'sync', 'find', 'sessions', 'handle_webhook']) {
      assert.ok(driver.has(member), member);
    }
  });

  await t.test('capabilities without an instance', async () => {
    const r = await driver.capabilities();
    assert.equal(r.statusName, 'ok');
    const doc = collect('capabilities', 'capabilities (no instance)', r.document);
    assert.equal(doc.driver_id, 'tv.plex');
    assert.equal(doc.server, null);
  });

  await t.test('a bad config is refused naming the key, and nothing reaches the server', async () => {
    await assert.rejects(driver.createInstance(emulator.config(mappings, { port: 'abc' })), (e) => {
      assert.ok(e instanceof pd.DriverCallError);
      assert.equal(e.statusName, 'invalid_config');
      assert.match(e.message, /config\.port/);
      return true;
    });
    assert.deepEqual(await emulator.requests(), []);
  });

  instance = await driver.createInstance(emulator.config(mappings, { debounce_seconds: 0.2 }), {
    onLog: (level, message) => {
      if (destroyed) afterDestroy += 1;
      logs.push({ level, message });
    },
    onProgress: (p) => progress.push(p),
    onEvent: (event, json) => {
      if (destroyed) afterDestroy += 1;
      events.push(event);
      assert.equal(typeof json, 'string');
    },
  });

  await t.test('test-connection reports what it tried, with progress and log callbacks', async () => {
    const seen = [];
    const r = await instance.testConnection({ onProgress: (p) => seen.push(p) });
    assert.equal(r.statusName, 'ok', r.message);
    const doc = collect('test_connection', 'test_connection ok', r.document);
    assert.equal(doc.ok, true);
    assert.deepEqual(doc.steps.map((s) => s.name), ['identity', 'root', 'sections', 'library_settings']);
    assert.deepEqual(doc.sections.map((s) => s.local_artwork.state), ['read', 'read']);
    assert.deepEqual(doc.mappings.map((m) => m.sections), [['1'], ['2']]);
    assert.ok(seen.length >= 2, 'progress reached the call');
    assert.ok(seen.every((p) => (p.fraction >= 0 && p.fraction <= 1) || p.fraction === -1));
    assert.equal(seen[seen.length - 1].fraction, 1);
    const recorded = await emulator.requests();
    assert.deepEqual(recorded.slice(0, 5).map((r2) => r2.path),
                     ['/identity', '/', '/library/sections', '/library/sections/1/prefs', '/library/sections/2/prefs']);
    assert.ok(!JSON.stringify(doc).includes(emulator.token), 'the token is not echoed');
    assert.ok(!logs.some((l) => l.message.includes(emulator.token)), 'the token is not logged');
  });

  // A second instance that gets no webhooks: what it learns of playback comes from its websocket
  // thread alone (the first instance may hear of a playback first from a webhook, and the driver
  // reports each change once, from whichever source saw it first).
  watcher = await driver.createInstance(emulator.config(mappings, { name: 'Watcher' }), {
    onEvent: (event) => watcherEvents.push(event),
  });
  assert.equal((await watcher.connect()).statusName, 'ok');

  await t.test('capabilities with an instance describe the server', async () => {
    const r = await instance.capabilities();
    const doc = collect('capabilities', 'capabilities (instance)', r.document);
    assert.equal(doc.server.name, 'Node Test Plex');
    assert.equal(doc.server.partial_scan_supported, true);
  });

  await t.test('sync added: a partial scan, seen to finish, the item confirmed', async () => {
    await emulator.control('DELETE', 'requests');
    await emulator.addFiles(['/data/movies/Arrival (2016)/Arrival (2016).mkv']);
    const folder = media.add('movies/Arrival (2016)');
    media.add('movies/Arrival (2016)/Arrival (2016).mkv');
    const seen = [];
    const r = await instance.sync({ schema_version: 1, changes: [{ path: folder, kind: 'added', media_type: 'movie' }] },
      { onProgress: (p) => seen.push(p) });
    assert.equal(r.statusName, 'ok', r.message);
    const doc = collect('sync_result', 'sync added', r.document);
    assert.equal(doc.status, 'completed');
    assert.equal(doc.changes[0].item.action, 'confirmed');
    assert.ok(seen.length > 0, 'sync progress reached the host');
    const refreshes = requestsMatching(await emulator.requests(), 'GET', '/library/sections/1/refresh');
    assert.equal(refreshes.length, 1);
    assert.match(decodeURIComponent(refreshes[0].query), /path=\/data\/movies\/Arrival \(2016\)/);
    const items = await emulator.items(1);
    assert.ok(items.some((i) => i.title === 'Arrival' && !i.deleted));
    // The driver's websocket thread tells the host, through the event callback.
    await waitFor(() => events.some((e) => e.type === 'scan.finished' && e.section.id === '1'), 'scan.finished event');
    await waitFor(() => events.some((e) => e.type === 'item.added' && e.item.title === 'Arrival'), 'item.added event');
    // The emulator's library.new webhook reached the Node HTTP server and the driver read it.
    await waitFor(() => webhookResults.some((w) => w.document && w.document.type === 'item.added'), 'library.new webhook');
  });

  await t.test('sync updated: the item refreshed; artwork Plex ignores gets advice', async () => {
    await emulator.control('DELETE', 'requests');
    const poster = media.add('movies/Heat (1995)/poster.jpg');
    const clearart = media.add('movies/Heat (1995)/clearart.png');
    const r = await instance.sync({ changes: [{ path: poster, kind: 'updated' }, { path: clearart, kind: 'updated' }] });
    const doc = collect('sync_result', 'sync updated', r.document);
    assert.equal(doc.changes[0].status, 'completed');
    assert.equal(doc.changes[0].item.action, 'refreshed');
    assert.ok(doc.changes[1].advice.length > 0);
    assert.equal(requestsMatching(await emulator.requests(), 'PUT', '/library/metadata/101/refresh').length, 1);
  });

  await t.test('sync removed: the item is in the trash', async () => {
    await emulator.removeFiles(['/data/movies/Amélie (2001)/Amélie (2001).mkv']);
    media.remove('movies/Amélie (2001)');
    const r = await instance.sync({ changes: [{ path: media.path('movies/Amélie (2001)'), kind: 'removed' }] });
    const doc = collect('sync_result', 'sync removed', r.document);
    assert.equal(doc.changes[0].status, 'completed', doc.changes[0].message);
    assert.equal(doc.changes[0].item.action, 'trashed');
    assert.deepEqual(doc.scans.map((scan) => scan.path), ['/data/movies'], 'a removed folder scans its parent');
    assert.ok((await emulator.items(1)).some((i) => i.title === 'Amélie' && i.deleted));
  });

  await t.test('dry run and a path in no mapping: nothing is scanned', async () => {
    await emulator.control('DELETE', 'requests');
    const dry = await instance.sync({ changes: [{ path: media.path('movies/Heat (1995)'), kind: 'added' }], options: { dry_run: true } });
    assert.equal(collect('sync_result', 'sync dry run', dry.document).changes[0].status, 'skipped');
    const outside = await instance.sync({ changes: [{ path: '/somewhere/else/Film (2020)', kind: 'added' }] });
    const doc = collect('sync_result', 'sync unmapped', outside.document);
    assert.equal(doc.changes[0].status, 'failed');
    assert.match(doc.changes[0].message, /\/somewhere\/else\/Film \(2020\)/);
    assert.deepEqual(requestsMatching(await emulator.requests(), 'GET', '/library/sections/1/refresh'), []);
  });

  await t.test('find: an item Plex has, and a path it has nothing for', async () => {
    const found = await instance.find(media.path('movies/Heat (1995)/poster.jpg'));
    const doc = collect('find_result', 'find found', found.document);
    assert.equal(doc.found, true);
    assert.equal(doc.items[0].rating_key, '101');
    const missing = await instance.find(media.path('movies/Nothing Here (1999)'));
    assert.equal(collect('find_result', 'find not found', missing.document).found, false);
  });

  await t.test('queued sync: accepted at once, scanned by the driver\'s queue thread, its outcome an event and a log line', async () => {
    await emulator.addFiles(['/data/movies/Dune (2021)/Dune (2021).mkv']);
    const folder = media.add('movies/Dune (2021)');
    const r = await instance.sync({ changes: [{ path: folder, kind: 'added', id: 'node-job-1' }], options: { wait: false } });
    const doc = collect('sync_result', 'sync queued', r.document);
    assert.equal(doc.changes[0].status, 'queued');
    assert.equal(doc.changes[0].id, 'node-job-1');
    assert.equal(doc.waited, false);
    // The outcome reaches onEvent as one sync.change event carrying the id.
    await waitFor(() => events.some((e) => e.type === 'sync.change' && e.change.id === 'node-job-1'), 'the sync.change event');
    const outcome = events.filter((e) => e.type === 'sync.change' && e.change.id === 'node-job-1');
    assert.equal(outcome.length, 1);
    assert.equal(outcome[0].source, 'queue');
    assert.equal(outcome[0].change.status, 'completed', outcome[0].change.message);
    await waitFor(() => logs.some((l) => l.message.startsWith('queued sync added') && l.message.includes('Dune (2021)')), 'the queue thread\'s log line');
    assert.ok(logs.some((l) => /queued sync added .*Dune \(2021\): completed/.test(l.message)));
    assert.ok((await emulator.items(1)).some((i) => i.title === 'Dune'));
  });

  await t.test('playback: websocket events, webhooks, sessions, and a sync held back', async () => {
    const { session_key: sessionKey } = await emulator.playback({ action: 'start', rating_key: '203', user: 'alice', player: 'Living Room TV' });
    const hostHeard = (type) => events.some((e) => e.type === type) || webhookResults.some((w) => w.document && w.document.type === type);
    await waitFor(() => watcherEvents.some((e) => e.type === 'playback.started' && e.source === 'websocket'), 'playback.started from the websocket');
    await waitFor(() => webhookResults.some((w) => w.document && w.document.webhook.event === 'media.play'), 'the media.play webhook');
    assert.ok(hostHeard('playback.started'));
    const sessions = await instance.sessions();
    assert.equal(sessions.statusName, 'ok', sessions.message);
    const doc = collect('sessions', 'sessions (playing)', sessions.document);
    assert.equal(doc.active_count, 1);
    assert.equal(doc.sessions[0].session_key, sessionKey);
    assert.equal(doc.sessions[0].user, 'alice');

    const held = await instance.sync({ changes: [{ path: media.path('tv/Severance/Season 01/Severance - S01E01.mkv'), kind: 'updated' }],
      options: { skip_active: 'any' } });
    const heldDoc = collect('sync_result', 'sync deferred', held.document);
    assert.equal(heldDoc.changes[0].status, 'deferred');
    assert.equal(heldDoc.changes[0].blocked_by.session_key, sessionKey);

    await emulator.playback({ action: 'pause', session_key: sessionKey });
    await waitFor(() => watcherEvents.some((e) => e.type === 'playback.paused'), 'playback.paused from the websocket');
    await emulator.playback({ action: 'stop', session_key: sessionKey });
    await waitFor(() => watcherEvents.some((e) => e.type === 'playback.stopped'), 'playback.stopped from the websocket');
    await waitFor(() => webhookResults.some((w) => w.document && w.document.webhook.event === 'media.stop'), 'the media.stop webhook');
    assert.ok(hostHeard('playback.paused') && hostHeard('playback.stopped'));
  });

  await t.test('every webhook event Plex documents becomes an event document', async () => {
    const sent = [['media.scrobble', '101'], ['media.rate', '101'], ['playback.started', '101'], ['library.on.deck', '204'],
      ['admin.database.backup', ''], ['admin.database.corrupted', ''], ['device.new', '']];
    for (const [event, ratingKey] of sent) await emulator.webhook({ event, rating_key: ratingKey });
    const expected = ['playback.scrobbled', 'item.rated', 'item.on_deck', 'server.database_backup', 'server.database_corrupted', 'device.new'];
    await waitFor(() => expected.every((type) => webhookResults.some((w) => w.document && w.document.type === type)), 'every webhook event');
    for (const w of webhookResults) {
      assert.equal(w.statusName, 'ok', w.message);
      collect('event', `webhook ${w.document.webhook.event}`, w.document);
    }
  });

  await t.test('a malformed webhook is refused, naming what is wrong', async () => {
    const r = await instance.handleWebhook('multipart/form-data; boundary=xyz', Buffer.from('--xyz\r\nnot a part\r\n--xyz--\r\n'));
    assert.equal(r.statusName, 'invalid_argument');
    assert.match(r.message, /payload|body|part/);
    assert.equal(r.document, null);
    const plain = await instance.handleWebhook('text/plain', Buffer.from('hello'));
    assert.equal(plain.statusName, 'invalid_argument');
    assert.match(plain.message, /content_type/);
  });

  await t.test('a scan not seen to finish in time is timed_out, never completed', async () => {
    await emulator.settings({ scan_start_delay_ms: 5000 });
    try {
      await emulator.addFiles(['/data/movies/Alien (1979)/Alien (1979).mkv']);
      const folder = media.add('movies/Alien (1979)');
      const r = await instance.sync({ changes: [{ path: folder, kind: 'added' }], options: { timeout_seconds: 0.5 } });
      const doc = collect('sync_result', 'sync timed out', r.document);
      assert.equal(doc.status, 'timed_out');
      assert.equal(doc.scans[0].status, 'timed_out');
      assert.equal(doc.scans[0].observed_via, '');
    } finally {
      await emulator.settings({ scan_start_delay_ms: 150 });
    }
  });

  await t.test('calls run concurrently: a second sync is busy, an AbortSignal cancels the first', async () => {
    await emulator.settings({ scan_ms_per_folder: 20000 });
    try {
      await emulator.addFiles(['/data/movies/Brazil (1985)/Brazil (1985).mkv']);
      const folder = media.add('movies/Brazil (1985)');
      const controller = new AbortController();
      const first = instance.sync({ changes: [{ path: folder, kind: 'added' }] }, { signal: controller.signal });
      // Cancel once the scan was requested: the driver is then waiting for it to finish.
      await waitFor(async () => requestsMatching(await emulator.requests(), 'GET', '/library/sections/1/refresh')
        .some((r) => decodeURIComponent(r.query).includes('Brazil')), 'the scan request');
      const second = await instance.sync({ changes: [{ path: media.path('movies/Heat (1995)'), kind: 'updated' }] });
      assert.equal(second.statusName, 'busy');
      controller.abort();
      const r = await first;
      assert.equal(r.statusName, 'cancelled');
      const doc = collect('sync_result', 'sync cancelled', r.document);
      assert.equal(doc.cancelled, true);
      assert.equal(doc.changes[0].status, 'cancelled');
      assert.match(doc.changes[0].message, /the scan was requested/);
    } finally {
      await emulator.settings({ scan_ms_per_folder: 30 });
    }
  });

  await t.test('other instances: a wrong token and an unreachable server', async () => {
    const wrong = await driver.createInstance(emulator.config(mappings, { plex_token: 'not-the-token', name: 'Wrong token' }));
    try {
      const r = await wrong.testConnection();
      assert.equal(r.statusName, 'unauthorized');
      assert.equal(r.detail, 401);
      const doc = collect('test_connection', 'test_connection unauthorized', r.document);
      assert.equal(doc.error.http_status, 401);
    } finally {
      await wrong.destroy();
    }
    const closed = await driver.createInstance({ host: '127.0.0.1', port: 1, plex_token: 'abcdef', name: 'Nowhere', use_websocket: false });
    try {
      const r = await closed.testConnection();
      assert.equal(r.statusName, 'unreachable');
      collect('test_connection', 'test_connection unreachable', r.document);
      const caps = await closed.capabilities();
      assert.equal(collect('capabilities', 'capabilities unreachable', caps.document).server.error.status, 'unreachable');
    } finally {
      await closed.destroy();
    }
  });

  await t.test('the server goes away: server.unreachable from the driver thread', async () => {
    await emulator.stop();
    await waitFor(() => events.some((e) => e.type === 'server.unreachable'), 'server.unreachable', 60000);
  });

  await t.test('events from driver threads are complete documents', () => {
    for (const type of ['scan.started', 'scan.finished', 'item.added', 'server.reachable', 'server.unreachable']) {
      assert.ok(events.some((e) => e && e.type === type), `an event ${type} arrived`);
    }
    for (const type of ['playback.started', 'playback.paused', 'playback.stopped']) {
      assert.ok(watcherEvents.some((e) => e && e.type === type && e.source === 'websocket'), `an event ${type} arrived`);
    }
    for (const e of [...events, ...watcherEvents]) collect('event', `event ${e.type} (${e.source})`, e);
  });

  await t.test('destroy: joins the driver threads; no callback afterwards', async () => {
    await watcher.destroy();
    await instance.destroy();
    destroyed = true;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(afterDestroy, 0);
    assert.equal(pd.counters.lateCallbacks, 0);
    assert.ok(instance.destroyed);
    await assert.rejects(instance.capabilities(), /destroyed/);
    driver.close();
  });

  await t.test('every document satisfies its JSON Schema, with no undocumented key', () => {
    // PD_DUMP_DOCUMENTS=file keeps what the driver wrote (one JSON line each), to read or diff.
    if (process.env.PD_DUMP_DOCUMENTS) {
      fs.writeFileSync(process.env.PD_DUMP_DOCUMENTS, log.documents.map((d) => JSON.stringify(d)).join('\n') + '\n');
    }
    log.assertSchemas(Object.keys(TS_TYPE));
  });

  await t.test('every document fits the TypeScript declarations (documents.d.ts)', () => {
    log.assertTypes();
  });
});

