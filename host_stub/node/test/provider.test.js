// SPDX-License-Identifier: MIT
'use strict';
// The metadata provider interface ("pd.provider/1") from Node.js as a host serves it: a
// Provider over a temporary manager folder (a movie with its NFO and poster), provider.handle()
// directly and behind httpHandler() in Node's own http server mounted below a path: the
// MediaProvider root, the match, the metadata, the poster bytes (ETag, 304), a traversal (404),
// a body too large (413), a path outside the mount (404, or next() Express-style); check() for
// the movie, a refused NFO and a path outside the roots; close() waiting for calls in flight; a
// driver without the interface. Skipped while the driver offers no pd.provider/1.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const pd = require('../lib');
const env = require('./support/env');

const POSTER = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x70, 0x6f, 0x73, 0x74, 0x65, 0x72, 0xff, 0xd9]);
const NFO = '<movie><title>Heat</title><year>1995</year><plot>A thief and the detective who hunts him.</plot>'
  + '<genre>Crime</genre><uniqueid type="tmdb" default="true">949</uniqueid></movie>';

function driverOffersProvider() {
  if (!fs.existsSync(env.DRIVER)) return false;
  const driver = pd.loadDriver(env.DRIVER);
  try {
    return driver.hasInterface(pd.PROVIDER_INTERFACE_ID);
  } finally {
    driver.close();
  }
}
const offers = driverOffersProvider();
const skip = offers ? false : `the driver ${env.DRIVER} does not offer the metadata provider interface (${pd.PROVIDER_INTERFACE_ID}) yet`;

function managerFolder() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-provider-'));
  const movie = path.join(root, 'movies', 'Heat (1995)');
  fs.mkdirSync(movie, { recursive: true });
  fs.writeFileSync(path.join(movie, 'Heat (1995).mkv'), 'not really a movie');
  fs.writeFileSync(path.join(movie, 'movie.nfo'), NFO);
  fs.writeFileSync(path.join(movie, 'poster.jpg'), POSTER);
  const broken = path.join(root, 'movies', 'Broken (2001)');
  fs.mkdirSync(broken);
  fs.writeFileSync(path.join(broken, 'Broken (2001).mkv'), 'x');
  fs.writeFileSync(path.join(broken, 'movie.nfo'), '<movie><title>Broken</title><year>2001');
  return { root, movie, broken };
}

function config(root) {
  return {
    host: '127.0.0.1', port: 1, plex_token: 'node-provider-secret',
    path_mappings: [{ metarr_path: path.join(root, 'movies'), player_path: '/data/movies' }],
  };
}

function request(method, url, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const req = http.request(url, { method, headers: data ? { 'Content-Type': 'application/json', 'Content-Length': data.length, ...headers } : headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

const MATCH = { type: 1, title: 'Heat', year: 1995, filename: '/data/movies/Heat (1995)/Heat (1995).mkv' };

test('a driver without pd.provider/1 is refused with a clear error', async (t) => {
  const minimal = path.join(env.ABI_DRIVERS, 'abi_minimal_c_driver.so');
  if (!fs.existsSync(minimal)) { t.skip(`${minimal} is not built`); return; }
  const driver = pd.loadDriver(minimal);
  try {
    assert.equal(driver.hasInterface(pd.PROVIDER_INTERFACE_ID), false);
    await assert.rejects(driver.createProvider({ path_mappings: [] }),
      (e) => e instanceof pd.DriverCallError && e.statusName === 'unsupported' && /offers no metadata provider \(the "pd\.provider\/1" interface\)/.test(e.message));
  } finally {
    driver.close();
  }
});

test('Provider.handle answers Plex\'s requests from the manager folder', { skip }, async (t) => {
  const dir = managerFolder();
  const driver = pd.loadDriver(env.DRIVER);
  const logs = [];
  const provider = await driver.createProvider(config(dir.root), { onLog: (level, message) => logs.push(`${level} ${message}`) });
  t.after(async () => {
    await provider.close();
    driver.close();
    fs.rmSync(dir.root, { recursive: true, force: true });
  });
  assert.deepEqual(driver.info.provider.operations, { create: true, destroy: true, handle: true, check: true });

  const root = await provider.handle({ path: '/movies' });
  assert.equal(root.status, 200);
  assert.match(JSON.parse(root.body).MediaProvider.identifier, /movies/);

  const match = await provider.handle({ method: 'POST', path: '/movies/library/metadata/matches', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(MATCH), baseUrl: 'http://nas.local:7878/plex-provider/' });
  assert.equal(match.status, 200, match.body.toString());
  const found = JSON.parse(match.body).MediaContainer.Metadata;
  assert.equal(found.length, 1);
  assert.equal(found[0].title, 'Heat');
  assert.ok(found[0].thumb.startsWith('http://nas.local:7878/plex-provider/movies/images/'), found[0].thumb);

  const image = await provider.handle({ path: found[0].thumb.slice('http://nas.local:7878/plex-provider'.length) });
  assert.equal(image.status, 200);
  assert.equal(image.headers['Content-Type'], 'image/jpeg');
  assert.deepEqual(image.body, POSTER);
  const etag = image.headerList.find(([n]) => n.toLowerCase() === 'etag')[1];
  const again = await provider.handle({ path: found[0].thumb.slice('http://nas.local:7878/plex-provider'.length), headers: [['If-None-Match', etag]] });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);

  const traversal = await provider.handle({ path: '/movies/images/0/..%2F..%2Fetc%2Fpasswd' });
  assert.equal(traversal.status, 404);
  assert.ok(logs.some((l) => l.includes('refused')), logs.join('\n'));

  // Many at once: each a koffi async call on a pool thread.
  const answers = await Promise.all(Array.from({ length: 24 }, () => provider.handle({ path: `/movies/library/metadata/${found[0].ratingKey}` })));
  assert.ok(answers.every((a) => a.status === 200 && JSON.parse(a.body).MediaContainer.Metadata[0].title === 'Heat'));
  assert.equal(pd.counters.lateCallbacks, 0);
});

test('httpHandler serves the provider below a mount path in Node\'s http server', { skip }, async (t) => {
  const dir = managerFolder();
  const driver = pd.loadDriver(env.DRIVER);
  const provider = await driver.createProvider(config(dir.root));
  const handler = provider.httpHandler({ mountPath: '/plex-provider' });
  const server = http.createServer((req, res) => {
    if (req.url === '/other') {
      res.end('mine');
      return;
    }
    handler(req, res);
  });
  const base = await listen(server);
  const express = provider.httpHandler({ mountPath: '/plex-provider' });
  const nextServer = http.createServer((req, res) => express(req, res, () => res.end('next')));
  const nextBase = await listen(nextServer);
  t.after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => nextServer.close(resolve));
    await provider.close();
    driver.close();
    fs.rmSync(dir.root, { recursive: true, force: true });
  });

  const root = await request('GET', `${base}/plex-provider/movies`);
  assert.equal(root.status, 200);
  assert.ok(JSON.parse(root.body).MediaProvider);
  const match = await request('POST', `${base}/plex-provider/movies/library/metadata/matches?X-Plex-Token=abc`, { body: MATCH });
  assert.equal(match.status, 200, match.body.toString());
  const key = JSON.parse(match.body).MediaContainer.Metadata[0].ratingKey;
  const meta = await request('GET', `${base}/plex-provider/movies/library/metadata/${key}`, { headers: { Accept: 'application/json' } });
  assert.equal(meta.status, 200);
  const item = JSON.parse(meta.body).MediaContainer.Metadata[0];
  assert.equal(item.title, 'Heat');
  assert.equal(item.year, 1995);
  // The image links point back through the mount path at the Host the client used.
  assert.ok(item.thumb.startsWith(`${base}/plex-provider/movies/images/`), item.thumb);
  const poster = await request('GET', item.thumb);
  assert.equal(poster.status, 200);
  assert.equal(poster.headers['content-type'], 'image/jpeg');
  assert.deepEqual(poster.body, POSTER);
  const head = await request('HEAD', item.thumb);
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  assert.equal((await request('GET', item.thumb, { headers: { 'If-None-Match': poster.headers.etag } })).status, 304);

  assert.equal((await request('GET', `${base}/plex-provider/movies/images/0/..%2F..%2Fetc%2Fpasswd`)).status, 404);
  assert.equal((await request('GET', `${base}/plex-providerX/movies`)).status, 404);
  assert.equal((await request('POST', `${base}/plex-provider/movies/library/metadata/matches`, { body: 'x'.repeat(1024 * 1024 + 1) })).status, 413);
  assert.equal((await request('GET', `${base}/other`)).body.toString(), 'mine');
  assert.equal((await request('GET', `${nextBase}/elsewhere`)).body.toString(), 'next');
  assert.equal((await request('GET', `${nextBase}/plex-provider/shows`)).status, 200);
});

test('check() writes the provider_check document; close() waits for calls in flight', { skip }, async () => {
  const dir = managerFolder();
  const driver = pd.loadDriver(env.DRIVER);
  const provider = await driver.createProvider(config(dir.root));
  try {
    const heat = await provider.check(dir.movie);
    assert.equal(heat.ok, true, heat.message);
    assert.equal(heat.document.kind, 'movie');
    assert.equal(heat.document.nfo.status, 'read');
    assert.equal(heat.document.metadata.title, 'Heat');
    assert.deepEqual(heat.document.problems, []);
    assert.ok(heat.document.artwork.some((a) => a.role === 'poster' && a.bytes === POSTER.length && a.content_type === 'image/jpeg'));

    const asPlexSeesIt = await provider.check('/data/movies/Heat (1995)/Heat (1995).mkv');
    assert.equal(asPlexSeesIt.document.rating_key, heat.document.rating_key);

    const broken = await provider.check(dir.broken);
    assert.equal(broken.ok, true);
    assert.equal(broken.document.nfo.status, 'refused');
    assert.ok(broken.document.problems.length > 0);

    const outside = await provider.check('/etc');
    assert.equal(outside.ok, false);
    assert.equal(outside.statusName, 'not_found');
    assert.match(outside.message, /outside/);

    // Calls in flight finish before destroy; later calls are refused.
    const pending = Array.from({ length: 8 }, () => provider.handle({ path: '/movies' }));
    const closing = provider.close();
    assert.throws(() => provider.handle({ path: '/movies' }), /being closed|closed/);
    const done = await Promise.all(pending);
    assert.ok(done.every((a) => a.status === 200));
    await closing;
    assert.equal(provider.closed, true);
  } finally {
    await provider.close();
    driver.close();
    fs.rmSync(dir.root, { recursive: true, force: true });
  }
});
