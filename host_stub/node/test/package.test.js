'use strict';
// The npm package as a user gets it: `npm pack` of this directory into a temporary directory
// outside the source tree, checked for what it ships (lib/, the declarations, README, LICENSE)
// and what it must not (tests, node_modules, build files); installed into an empty Node project
// (`npm install <tarball>`: the pinned koffi and ajv from the npm cache scripts/setup.sh filled);
// then a script of that project loads the driver `cmake --install --component driver` put into
// a plugins directory, through discoverDrivers, and runs create -> connect -> sync (waiting) ->
// destroy against the PMS emulator, with events from the driver's threads. The declarations
// are type-checked from the installed package, and createValidators finds the schemas the SDK
// component installed. Everything lives in one temporary directory, removed at the end.

const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');
const { promisify } = require('node:util');

const env = require('./support/env');
const { Emulator } = require('./support/emulator');
const { MediaTree } = require('./support/media');

const PACKAGE_DIR = path.resolve(__dirname, '..');
const PACKAGE = require('../package.json');
const NPM = process.env.PD_NPM || 'npm';
const CMAKE = process.env.PD_CMAKE || 'cmake';
const PLUGIN_DIR = process.env.PD_PLUGIN_DIR || 'lib/metarr/plugins';
const TSC = require.resolve('typescript/bin/tsc');

// Runs a command; rejects with its output. Asynchronous, so the emulator's output pipes (read
// by this process) keep draining while it runs.
async function run(file, args, options = {}) {
  try {
    const { stdout } = await promisify(execFile)(file, args, {
      encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: 45000, ...options,
      env: { ...process.env, npm_config_update_notifier: 'false', ...options.env },
    });
    return stdout;
  } catch (e) {
    throw new Error(`${path.basename(file)} ${args.join(' ')} failed (${e.code ?? e.signal}):\n${e.stdout}${e.stderr}`);
  }
}

// The consumer's own code: it knows the package only by its name.
const CONSUMER_JS = `'use strict';
const pd = require(${JSON.stringify(PACKAGE.name)});

async function main() {
  const [pluginsDir, configJson, changePath] = process.argv.slice(2);
  const config = JSON.parse(configJson);
  const report = { resolved: require.resolve(${JSON.stringify(PACKAGE.name)}) };
  const found = pd.discoverDrivers(pluginsDir);
  report.discovered = found.map((d) => ({ file: d.file, id: d.driver ? d.driver.info.id : null, error: d.error ? d.error.message : null }));
  const { driver } = found.find((d) => d.driver && d.driver.info.id === 'tv.plex');
  report.info = { path: driver.info.path, abiMajor: driver.info.abiMajor, negotiatedMinor: driver.info.negotiatedMinor };
  const events = [];
  const logs = [];
  const instance = await driver.createInstance(config, {
    onLog: (level, message) => logs.push(level + ' ' + message),
    onEvent: (event) => events.push(event),
  });
  try {
    report.connect = (await instance.connect()).statusName;
    const progress = [];
    const sync = await instance.sync({ changes: [{ path: changePath, kind: 'added', media_type: 'movie' }], options: { wait: true, timeout_seconds: 20 } },
      { onProgress: (p) => progress.push(p.fraction) });
    report.sync = { statusName: sync.statusName, message: sync.message, document: sync.document };
    report.progress = progress.length;
    // The driver's websocket thread reports the scan's end through onEvent.
    const deadline = Date.now() + 10000;
    while (!events.some((e) => e && e.type === 'scan.finished') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  } finally {
    await instance.destroy();
    driver.close();
  }
  report.events = events.map((e) => e && e.type);
  report.lateCallbacks = pd.counters.lateCallbacks;
  report.tokenLogged = logs.some((l) => l.includes(config.plex_token));
  // The schemas: from PLAYER_DRIVER_SCHEMA_DIR (the SDK in the test's prefix) ...
  const validators = pd.createValidators();
  report.schemaDir = validators.dir;
  report.configErrors = validators.validate('config', config).errors;
  report.resultErrors = validators.validate('sync_result', report.sync.document).errors;
  // ... and without it: the SDK's system directories, or an error saying how to get them.
  delete process.env.PLAYER_DRIVER_SCHEMA_DIR;
  try {
    report.defaultSchemaDir = pd.createValidators().dir;
  } catch (e) {
    report.defaultSchemaError = e.message;
  }
  process.stdout.write(JSON.stringify(report));
}

main().catch((e) => { console.error(e); process.exit(1); });
`;

// The same from TypeScript: the package's "types" and both declaration files resolve.
const CONSUMER_TS = `import { discoverDrivers, type DriverEvent, type SyncRequest } from ${JSON.stringify(PACKAGE.name)};
export function outcome(event: DriverEvent): string {
  return event.type === 'sync.change' ? \`\${event.change.id} \${event.change.status}\` : event.type;
}
export const request: SyncRequest = { changes: [{ id: 'job-1', path: '/mnt/media/movies/Heat (1995)', kind: 'updated' }], options: { wait: false } };
export const ids: string[] = discoverDrivers('/usr/lib/metarr/plugins').flatMap((d) => (d.driver ? [d.driver.info.id] : []));
`;

test('the npm package: packed, installed into an empty project, driving an installed driver', { timeout: 60000 }, async (t) => {
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-node-package-'));
  const media = new MediaTree();
  let emulator = null;
  const emulatorStarted = Emulator.start();
  emulatorStarted.catch(() => {}); // awaited below; a start failure fails that step, not the process
  t.after(async () => {
    emulator = emulator || await emulatorStarted.catch(() => null);
    if (emulator) await emulator.stop();
    media.cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  });
  const rel = path.relative(env.REPO, fs.realpathSync(work));
  assert.ok(rel.startsWith('..') || path.isAbsolute(rel), `the work directory ${work} is outside the source tree`);

  await t.test('npm pack ships lib/, the declarations, README and LICENSE, nothing else', async () => {
    const packed = JSON.parse(await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: PACKAGE_DIR }));
    assert.equal(packed.length, 1);
    const { filename, files } = packed[0];
    assert.equal(filename, `plexdriver-player-driver-host-${PACKAGE.version}.tgz`);
    const listed = files.map((f) => f.path).sort();
    const libFiles = fs.readdirSync(path.join(PACKAGE_DIR, 'lib')).filter((f) => f.endsWith('.js')).map((f) => `lib/${f}`);
    assert.deepEqual(listed, ['LICENSE', 'README.md', 'documents.d.ts', 'index.d.ts', ...libFiles, 'package.json'].sort());
    // The tarball itself (not only npm's account of it).
    const entries = (await run('tar', ['-tzf', path.join(work, filename)])).split('\n').filter(Boolean);
    assert.deepEqual(entries.map((e) => e.replace(/^package\//, '')).sort(), listed);
    for (const e of entries) assert.doesNotMatch(e, /(^|\/)(test|node_modules)\//, e);
    const manifest = JSON.parse(await run('tar', ['-xzOf', path.join(work, filename), 'package/package.json']));
    assert.equal(manifest.private, undefined);
    assert.equal(manifest.license, 'MIT');
    assert.equal(manifest.main, 'lib/index.js');
    assert.equal(manifest.types, 'index.d.ts');
    assert.equal(manifest.repository, undefined);
    const license = await run('tar', ['-xzOf', path.join(work, filename), 'package/LICENSE']);
    assert.equal(license, fs.readFileSync(path.join(env.REPO, 'LICENSE'), 'utf8'));
  });

  const project = path.join(work, 'project');
  const prefix = path.join(work, 'prefix');

  await t.test('npm install <tarball> into an empty project; cmake --install the driver and the SDK', async () => {
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'pd-consumer', version: '1.0.0', private: true }, null, 2));
    // --ignore-scripts: koffi's install script only checks its prebuilt binary (and would build
    // one from source if none fits); koffi loads @koromix/koffi-<platform> without it.
    await run(NPM, ['install', path.join(work, `plexdriver-player-driver-host-${PACKAGE.version}.tgz`),
      '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project });
    const installed = JSON.parse(fs.readFileSync(path.join(project, 'node_modules', ...PACKAGE.name.split('/'), 'package.json'), 'utf8'));
    assert.equal(installed.version, PACKAGE.version);
    for (const dep of Object.keys(PACKAGE.dependencies)) {
      assert.ok(fs.existsSync(path.join(project, 'node_modules', dep, 'package.json')), `${dep} installed`);
    }
    for (const component of ['driver', 'sdk']) {
      await run(CMAKE, ['--install', env.BUILD, '--component', component, '--prefix', prefix]);
    }
    assert.ok(fs.existsSync(path.join(prefix, PLUGIN_DIR, 'libplex_driver.so')), `${PLUGIN_DIR}/libplex_driver.so installed`);
  });

  await t.test('the installed package loads the installed driver from its plugins directory and syncs', async () => {
    emulator = await emulatorStarted;
    await emulator.addFiles(['/data/movies/Arrival (2016)/Arrival (2016).mkv']);
    const folder = media.add('movies/Arrival (2016)');
    media.add('movies/Arrival (2016)/Arrival (2016).mkv');
    const config = emulator.config([[media.path('movies'), '/data/movies']]);
    fs.writeFileSync(path.join(project, 'check.js'), CONSUMER_JS);
    const schemaDir = path.join(prefix, 'share/player-driver/schemas/v1');
    const out = await run(process.execPath, ['check.js', path.join(prefix, PLUGIN_DIR), JSON.stringify(config), folder],
      { cwd: project, env: { PLAYER_DRIVER_SCHEMA_DIR: schemaDir, NODE_PATH: '' } });
    const report = JSON.parse(out);

    assert.equal(report.resolved, path.join(fs.realpathSync(project), 'node_modules/@plexdriver/player-driver-host/lib/index.js'));
    assert.deepEqual(report.discovered, [{ file: path.join(prefix, PLUGIN_DIR, 'libplex_driver.so'), id: 'tv.plex', error: null }]);
    assert.equal(report.info.path, path.join(prefix, PLUGIN_DIR, 'libplex_driver.so'));
    assert.equal(report.info.abiMajor, 1);
    assert.equal(report.connect, 'ok');
    assert.equal(report.sync.statusName, 'ok', report.sync.message);
    const doc = report.sync.document;
    assert.equal(doc.status, 'completed');
    assert.equal(doc.waited, true);
    assert.equal(doc.changes.length, 1);
    assert.equal(doc.changes[0].path, folder);
    assert.equal(doc.changes[0].server_path, '/data/movies/Arrival (2016)');
    assert.equal(doc.changes[0].item.action, 'confirmed');
    assert.ok(report.progress > 0, 'progress reached the consumer');
    assert.ok(report.events.includes('scan.finished'), `events: ${report.events.join(', ')}`);
    assert.equal(report.lateCallbacks, 0);
    assert.equal(report.tokenLogged, false);
    assert.equal(report.schemaDir, schemaDir);
    assert.deepEqual(report.configErrors, []);
    assert.deepEqual(report.resultErrors, []);
    // Installed from npm, the package has no repository copy of the schemas next to it.
    if (report.defaultSchemaError) {
      assert.match(report.defaultSchemaError, /no PlayerDriver JSON Schemas found.*PLAYER_DRIVER_SCHEMA_DIR/s);
    } else {
      assert.match(report.defaultSchemaDir, /^\/usr(\/local)?\/share\/player-driver\/schemas\/v1$/);
    }
    // What the emulator saw: one partial scan of that folder.
    const refreshes = (await emulator.requests()).filter((r) => r.method === 'GET' && r.path === '/library/sections/1/refresh');
    assert.equal(refreshes.length, 1);
    assert.match(decodeURIComponent(refreshes[0].query), /path=\/data\/movies\/Arrival \(2016\)/);
  });

  await t.test('the declarations type-check from the installed package', async () => {
    fs.writeFileSync(path.join(project, 'consumer.ts'), CONSUMER_TS);
    await run(process.execPath, [TSC, '--strict', '--noEmit', '--target', 'es2020', '--module', 'commonjs', '--lib', 'es2020,dom',
      'consumer.ts'], { cwd: project });
  });

  t.diagnostic(`package test: ${Date.now() - started} ms`);
});
