'use strict';
// The PMS emulator's standalone executable (README, "The PMS emulator"), started on a free
// loopback port, and its /__emulator/ control API.

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const http = require('node:http');
const path = require('node:path');
const env = require('./env');

// A small HTTP client (node:http: no experimental fetch warnings on Node 18). requestBytes
// resolves the body as a Buffer, request as UTF-8 text.
function requestBytes(method, url, { headers = {}, body } = {}) {
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

async function request(method, url, options) {
  const r = await requestBytes(method, url, options);
  return { ...r, body: r.body.toString('utf8') };
}

/**
 * Starts an emulator executable that prints "listening on http://ADDR:PORT" once ready;
 * resolves to {child, url, output()} (output: what it wrote so far, stdout and stderr).
 */
async function spawnListening(file, args) {
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // A test process that ends without stopping it (a failed assertion before t.after, an
  // uncaught exception) takes the emulator with it.
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.off('exit', reap));
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c) => { stderr += c; });
  child.stdout.on('data', (c) => { stdout += c; });
  const name = path.basename(file);
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 30 s: ${stderr}`)), 30000);
    const onData = () => {
      const m = /listening on (http:\/\/[0-9.]+:(\d+))/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}): ${stderr}`));
    });
  });
  return { child, url, output: () => stdout + stderr };
}

/** A standalone emulator executable this test started: its process, URL and output. */
class EmulatorProcess {
  constructor(child, url, output) {
    this.child = child;
    this.url = url;
    /** What the emulator printed so far (stdout and stderr). */
    this.output = output;
  }

  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

class Emulator extends EmulatorProcess {
  /**
   * options: library (fixture file name in tests/pms_emulator/fixtures or a path), name,
   * webhookUrl, args (extra command-line arguments).
   */
  static async start(options = {}) {
    const token = `node-test-${crypto.randomBytes(8).toString('hex')}`;
    const library = path.isAbsolute(options.library || '') ? options.library
      : path.join(env.FIXTURES, options.library || 'demo_library.json');
    const args = ['--port', '0', '--library', library, '--token', token, '--name', options.name || 'Node Test Plex'];
    if (options.webhookUrl) args.push('--webhook-url', options.webhookUrl);
    args.push(...(options.args || []));
    const { child, url, output } = await spawnListening(env.EMULATOR, args);
    return new Emulator(child, url, token, output);
  }

  constructor(child, url, token, output) {
    super(child, url, output);
    this.port = Number(new URL(url).port);
    this.token = token;
  }

  async control(method, what, body) {
    const res = await request(method, `${this.url}/__emulator/${what}`, { headers: { 'X-Plex-Token': this.token }, body });
    if (res.status !== 200) throw new Error(`emulator ${method} ${what}: ${res.status} ${res.body}`);
    return JSON.parse(res.body);
  }

  requests() {
    return this.control('GET', 'requests');
  }

  items(section) {
    return this.control('GET', section ? `items?section=${section}` : 'items');
  }

  addFiles(paths) {
    return this.control('POST', 'files', { add: paths });
  }

  removeFiles(paths) {
    return this.control('POST', 'files', { remove: paths });
  }

  settings(values) {
    return this.control('POST', 'settings', values);
  }

  playback(body) {
    return this.control('POST', 'sessions', body);
  }

  webhook(body) {
    return this.control('POST', 'webhooks', body);
  }

  /** A driver config for this emulator; `mappings` [metarr_path, player_path] pairs. */
  config(mappings = [], extra = {}) {
    return {
      name: 'Node Test Plex',
      host: '127.0.0.1',
      port: this.port,
      plex_token: this.token,
      timeout_seconds: 10,
      path_mappings: mappings.map(([metarr, player]) => ({ metarr_path: metarr, player_path: player })),
      ...extra,
    };
  }
}

/** Resolves once `predicate()` is true, polling; rejects after `timeoutMs` with `what`. */
async function waitFor(predicate, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

module.exports = { Emulator, EmulatorProcess, request, requestBytes, spawnListening, waitFor };
