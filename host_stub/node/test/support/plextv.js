'use strict';
// The plex.tv emulator's standalone executable (tests/plextv_emulator/README.md), started on a
// free loopback port with a fixture of accounts, and its /__emulator/ control API: approve or
// expire PINs as the user would at app.plex.tv, add servers, revoke tokens, read the recorded
// requests (secrets redacted, token_owner naming whose token a request carried).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const env = require('./env');
const { EmulatorProcess, request, spawnListening } = require('./emulator');

class PlexTvEmulator extends EmulatorProcess {
  /** fixture: the fixture document ({accounts, resources}); args: extra command-line arguments. */
  static async start({ fixture = {}, args = [] } = {}) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-plextv-'));
    const file = path.join(dir, 'fixture.json');
    fs.writeFileSync(file, JSON.stringify(fixture), { mode: 0o600 });
    try {
      const { child, url, output } = await spawnListening(env.PLEXTV_EMULATOR, ['--port', '0', '--fixture', file, ...args]);
      return new PlexTvEmulator(child, url, output);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true }); // read at start; holds test tokens
    }
  }

  /** One control call; resolves to {status, body (parsed)}. */
  async call(method, what, body) {
    const res = await request(method, `${this.url}/__emulator/${what}`, { body });
    return { status: res.status, body: res.body ? JSON.parse(res.body) : null };
  }

  async control(method, what, body) {
    const res = await this.call(method, what, body);
    if (res.status !== 200) throw new Error(`plex.tv emulator ${method} ${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  requests() {
    return this.control('GET', 'requests');
  }

  clearRequests() {
    return this.control('DELETE', 'requests');
  }

  pins() {
    return this.control('GET', 'pins');
  }

  /** The user approves the PIN (default: the newest) at app.plex.tv. */
  approvePin(username, id) {
    return this.control('POST', 'pins/approve', id === undefined ? { username } : { username, id });
  }

  expirePin(id) {
    return this.control('POST', 'pins/expire', id === undefined ? {} : { id });
  }

  addResource(resource) {
    return this.control('POST', 'resources', resource);
  }

  revokeToken(token, revoked = true) {
    return this.control('POST', 'tokens', { token, revoked });
  }

  settings(values) {
    return this.control('POST', 'settings', values);
  }
}

module.exports = { PlexTvEmulator };
