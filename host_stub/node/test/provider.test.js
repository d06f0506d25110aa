// SPDX-License-Identifier: MIT
'use strict';
// The metadata provider interface ("pd.provider/1") from Node.js as a host serves it: a
// Provider over a temporary manager folder (a movie with its NFO and poster), provider.handle()
// directly and behind httpHandler() in Node's own http server mounted below a path: the
// MediaProvider root, the match, the metadata, the poster bytes (ETag, 304), a traversal (404),
// a body too large (413), a path outside the mount (404, or next() Express-style); check() for
// the movie, a refused NFO and a path outside the roots; close() waiting for calls in flight;
// every check() document (movies, shows, seasons, episodes, a missing NFO, a refused image)
// valid against the closed provider_check schema (no key the schemas do not describe); a
// driver without the interface; and end to end, the provider behind a Node http server
// registered with the PMS emulator (1.43+) as a movie section's agent, a sync's scan matching the
// new movie through it (the title, summary, guid checked on what the emulator serves, and the
// poster the sync uploaded, since on a LAN the provider links no images).
// Skipped while the driver offers no pd.provider/1.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const pd = require('../lib');
const env = require('./support/env');
const { skipWithoutProvider } = require('./support/provider');
const { Emulator, requestBytes: request } = require('./support/emulator');

// The strict variant: a key the driver writes that plugin_api/schemas/v1 does not describe fails.
const closed = pd.createValidators({ dir: env.SCHEMA_DIR, closed: true });

function assertProviderCheck(doc, what) {
  assert.deepEqual(closed.validate('provider_check', doc).errors, [], `${what}: ${JSON.stringify(doc)}`);
}

const POSTER = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x70, 0x6f, 0x73, 0x74, 0x65, 0x72, 0xff, 0xd9]);
const NFO = '<movie><title>Heat</title><year>1995</year><plot>A thief and the detective who hunts him.</plot>'
  + '<genre>Crime</genre><uniqueid type="tmdb" default="true">949</uniqueid></movie>';

const skip = skipWithoutProvider();

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
    // Links at the request's base URL, even a LAN one (the default, "auto", links only at a
    // public provider.public_url: the last test shows the LAN case).
    provider: { image_links: 'always' },
  };
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
    assertProviderCheck(heat.document, 'the movie');

    const asPlexSeesIt = await provider.check('/data/movies/Heat (1995)/Heat (1995).mkv');
    assert.equal(asPlexSeesIt.document.rating_key, heat.document.rating_key);
    assertProviderCheck(asPlexSeesIt.document, 'the movie as Plex sees it');

    const broken = await provider.check(dir.broken);
    assert.equal(broken.ok, true);
    assert.equal(broken.document.nfo.status, 'refused');
    assert.ok(broken.document.problems.length > 0);
    assertProviderCheck(broken.document, 'a refused NFO');

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

// A manager folder with what a media manager writes for movies and shows: a movie NFO using
// every field the provider serves, a movie without NFO, a show with a season and an episode
// (their own NFO and thumb), actor images, and an image that is not one.
function richManagerFolder() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-provider-check-'));
  const write = (rel, data) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), data);
  };
  write('movies/Heat (1995)/Heat (1995).mkv', 'not really a movie');
  write('movies/Heat (1995)/Heat (1995).nfo', '<movie><title>Heat</title><originaltitle>Heat (original)</originaltitle>'
    + '<sorttitle>Heat 1995</sorttitle><year>1995</year><premiered>1995-12-15</premiered><tagline>A Los Angeles crime saga</tagline>'
    + '<plot>A thief and the detective who hunts him.</plot><mpaa>Rated R</mpaa><studio>Warner Bros.</studio>'
    + '<genre>Crime</genre><genre>Thriller</genre><set><name>Heat Collection</name></set><director>Michael Mann</director>'
    + '<credits>Michael Mann</credits><actor><name>Al Pacino</name><role>Vincent Hanna</role><order>0</order></actor>'
    + '<actor><name>Robert De Niro</name><role>Neil McCauley</role><thumb>https://image.example/deniro.jpg</thumb></actor>'
    + '<ratings><rating name="imdb" max="10" default="true"><value>8.3</value><votes>700000</votes></rating>'
    + '<rating name="themoviedb" max="10"><value>7.9</value></rating></ratings>'
    + '<uniqueid type="tmdb" default="true">949</uniqueid><uniqueid type="imdb">tt0113277</uniqueid></movie>');
  write('movies/Heat (1995)/Heat (1995)-poster.jpg', POSTER);
  write('movies/Heat (1995)/fanart.jpg', POSTER);
  write('movies/Heat (1995)/clearlogo.png', 'not a PNG');
  write('movies/Heat (1995)/.actors/Al_Pacino.jpg', POSTER);
  write('movies/Unsorted/Unsorted.mkv', 'x');
  write('tv/Severance/tvshow.nfo', '<tvshow><title>Severance</title><year>2022</year><plot>Work and life, surgically divided.</plot>'
    + '<genre>Drama</genre><studio>Apple TV+</studio><actor><name>Adam Scott</name><role>Mark Scout</role></actor>'
    + '<uniqueid type="tvdb" default="true">371980</uniqueid></tvshow>');
  write('tv/Severance/poster.jpg', POSTER);
  write('tv/Severance/banner.jpg', POSTER);
  write('tv/Severance/season01-poster.jpg', POSTER);
  write('tv/Severance/Season 01/Severance S01E01.mkv', 'x');
  write('tv/Severance/Season 01/Severance S01E01.nfo', '<episodedetails><title>Good News About Hell</title><season>1</season>'
    + '<episode>1</episode><aired>2022-02-18</aired><plot>Mark is promoted.</plot><director>Ben Stiller</director></episodedetails>');
  write('tv/Severance/Season 01/Severance S01E01-thumb.jpg', POSTER);
  write('tv/Severance/Season 01/Severance S01E02.mkv', 'x');
  return root;
}

test('check() documents match the closed provider_check schema (movies, shows, seasons, episodes)', { skip }, async (t) => {
  const root = richManagerFolder();
  const driver = pd.loadDriver(env.DRIVER);
  const provider = await driver.createProvider({
    path_mappings: [{ metarr_path: path.join(root, 'movies'), player_path: '/data/movies' },
      { metarr_path: path.join(root, 'tv'), player_path: '/data/tv' }],
    provider: { name: 'metarr', title: 'Metarr NFO', public_url: 'http://nas.local:7878/pd/', image_links: 'always' },
  });
  t.after(async () => {
    await provider.close();
    driver.close();
    fs.rmSync(root, { recursive: true, force: true });
  });
  const check = async (p, kind) => {
    const r = await provider.check(p);
    assert.equal(r.ok, true, `${p}: ${r.message}`);
    assertProviderCheck(r.document, p);
    assert.equal(r.document.kind, kind, p);
    return r.document;
  };

  const heat = await check(path.join(root, 'movies/Heat (1995)'), 'movie');
  assert.equal(heat.identifier, 'tv.plex.agents.custom.metarr.movies');
  assert.equal(heat.image_links, true);
  assert.equal(heat.rating_key, 'tmdb-949');
  for (const key of ['Genre', 'Collection', 'Director', 'Writer', 'Studio', 'Role', 'Guid', 'Rating', 'Image']) {
    assert.ok(Array.isArray(heat.metadata[key]), `metadata.${key}: ${JSON.stringify(heat.metadata)}`);
  }
  assert.equal(heat.metadata.contentRating, 'R');
  assert.ok(heat.artwork.some((a) => a.role === 'actor' && a.actor === 'Al Pacino' && a.url));
  assert.ok(heat.artwork.some((a) => a.role === 'clearlogo' && a.problem && !a.url), JSON.stringify(heat.artwork));
  assert.ok(heat.problems.some((p) => p.includes('clearlogo.png')), JSON.stringify(heat.problems));
  await check('/data/movies/Heat (1995)/Heat (1995).mkv', 'movie');

  const unsorted = await check(path.join(root, 'movies/Unsorted'), 'movie');
  assert.equal(unsorted.nfo.status, 'missing');
  assert.equal(unsorted.metadata, undefined);

  const show = await check(path.join(root, 'tv/Severance'), 'show');
  assert.equal(show.root, '/shows');
  assert.equal(show.identifier, 'tv.plex.agents.custom.metarr.shows');
  assert.equal(show.metadata.Children.Metadata[0].type, 'season');
  assert.ok(show.artwork.some((a) => a.role === 'season_poster' && a.season === 1));
  await check(path.join(root, 'tv/Severance/Season 01'), 'show');
  const episode = await check(path.join(root, 'tv/Severance/Season 01/Severance S01E01.mkv'), 'episode');
  assert.equal(episode.metadata.title, 'Good News About Hell');
  assert.equal(episode.metadata.grandparentType, 'show');
  assert.equal(episode.metadata.parentIndex, 1);
  const plain = await check('/data/tv/Severance/Season 01/Severance S01E02.mkv', 'episode');
  assert.equal(plain.metadata.title, 'Episode 2');
});

test('a Node http server serves the provider to the PMS emulator', { skip, timeout: 120000 }, async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-provider-e2e-'));
  const movie = path.join(root, 'Heat (1995)');
  fs.mkdirSync(movie);
  fs.writeFileSync(path.join(movie, 'Heat (1995).mkv'), 'not really a movie');
  fs.writeFileSync(path.join(movie, 'movie.nfo'), NFO);
  fs.writeFileSync(path.join(movie, 'poster.jpg'), POSTER);
  // A movie section over /data/movies without items; an emulator new enough for providers.
  const fixture = path.join(root, 'library.json');
  fs.writeFileSync(fixture, JSON.stringify({ sections: [{ key: '1', type: 'movie', title: 'Movies', locations: ['/data/movies'], items: [] }] }));
  const cleanups = [];
  t.after(async () => {
    for (const f of cleanups.reverse()) await f();
    fs.rmSync(root, { recursive: true, force: true });
  });
  const emulator = await Emulator.start({ library: fixture, args: ['--version', '1.43.0.10000-abcdef123'] });
  cleanups.push(() => emulator.stop());
  await emulator.addFiles(['/data/movies/Heat (1995)/Heat (1995).mkv']);

  const cfg = emulator.config([[root, '/data/movies']], { debounce_seconds: 0 });
  const driver = pd.loadDriver(env.DRIVER);
  cleanups.push(() => driver.close());
  const provider = await driver.createProvider(cfg);
  cleanups.push(() => provider.close());
  const server = http.createServer(provider.httpHandler({ mountPath: '/pd' }));
  const base = await listen(server);
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));

  const registered = await emulator.control('POST', 'providers', { uri: `${base}/pd/movies` });
  assert.equal(registered.identifier, 'tv.plex.agents.custom.plexdriver.movies');
  await emulator.control('POST', 'sections/1/agent', { agent: registered.identifier });

  const instance = await driver.createInstance(cfg);
  cleanups.push(() => instance.destroy());
  const r = await instance.sync({ schema_version: 1, changes: [{ path: movie, kind: 'added' }], options: { wait: true, timeout_seconds: 60 } });
  assert.equal(r.statusName, 'ok', r.message);
  assert.equal(r.document.status, 'completed', JSON.stringify(r.document));
  assert.equal(r.document.changes[0].status, 'completed', JSON.stringify(r.document.changes[0]));

  // What the emulator serves, as any Plex client would read it.
  const asClient = { headers: { Accept: 'application/json', 'X-Plex-Token': emulator.token } };
  const all = await request('GET', `${emulator.url}/library/sections/1/all`, asClient);
  assert.equal(all.status, 200, all.body.toString());
  const listed = JSON.parse(all.body).MediaContainer.Metadata || [];
  assert.equal(listed.length, 1, all.body.toString());
  const got = await request('GET', `${emulator.url}/library/metadata/${listed[0].ratingKey}`, asClient);
  assert.equal(got.status, 200, got.body.toString());
  const item = JSON.parse(got.body).MediaContainer.Metadata[0];
  assert.equal(item.title, 'Heat');
  assert.equal(item.year, 1995);
  assert.equal(item.summary, 'A thief and the detective who hunts him.');
  assert.ok(item.guid.startsWith('tv.plex.agents.custom.plexdriver.movies://movie/tmdb-949'), item.guid);
  assert.deepEqual((item.Genre || []).map((g) => g.tag), ['Crime']);

  // The emulator asked the provider: the root on registration, the match, the metadata.
  const calls = await emulator.control('GET', 'providers/calls');
  const list = Array.isArray(calls) ? calls : calls.calls;
  const summary = JSON.stringify(list);
  const match = list.find((c) => c.method === 'POST' && c.url.includes('/pd/movies/library/metadata/matches'));
  assert.ok(match, summary);
  assert.equal(match.status, 200, summary);
  assert.equal(JSON.parse(match.body).filename, '/data/movies/Heat (1995)/Heat (1995).mkv');
  const metadata = list.find((c) => c.method === 'GET' && /\/pd\/movies\/library\/metadata\/tmdb-949(\?|$)/.test(c.url));
  assert.ok(metadata, summary);
  assert.equal(metadata.status, 200, summary);
  // On a LAN the provider links no image (Plex would show it through images.plex.tv, which cannot
  // reach it): Plex never asked for one, and the sync uploaded the poster instead.
  assert.ok(!list.some((c) => c.url.includes('/pd/movies/images/')), summary);
  assert.ok(list.every((c) => !c.error), summary);
  assert.ok(r.document.changes[0].artwork.some((a) => a.action === 'uploaded' && a.element === 'thumb'),
    JSON.stringify(r.document.changes[0]));

  // The manager's poster is the item's thumb, byte for byte.
  assert.ok(item.thumb, JSON.stringify(item));
  const thumb = await request('GET', `${emulator.url}${item.thumb}`, { headers: { 'X-Plex-Token': emulator.token } });
  assert.equal(thumb.status, 200, thumb.body.toString());
  assert.deepEqual(thumb.body, POSTER);
});
