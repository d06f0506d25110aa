'use strict';
// The optional account interface ("pd.account/1", pd_account in player_driver.h) from Node.js:
// sign in to the media server's account service (for Plex: plex.tv) with a PIN or a password,
// check a token, list the account's servers and choose how to reach one, ending in a ready
// pd_driver configuration. Documents: plugin_api/schemas.md (account_*), typed in
// documents.d.ts.
//
// A driver offers the interface or not: DriverLibrary looks it up by id when it loads the
// driver (get_interface answers NULL when the driver has none) and reads only the members the
// table's struct_size covers. An AccountClient needs no driver instance.
//
// Threading and results are those of DriverInstance (driver.js): every call that may block
// (all of them but create's argument checks) is a koffi async call on a libuv worker thread and
// returns a Promise of {ok, status, statusName, detail, message, document, json}; log, progress
// and is_cancelled reach the JS thread from the worker thread. waitPin blocks up to the PIN's
// lifetime (15 minutes on plex.tv) and so holds one libuv pool thread that long; an AbortSignal
// ends it within about 50 ms (the driver polls is_cancelled), and close() ends it too.

const abi = require('./abi');
const calls = require('./calls');

const { types, accountFn } = abi;

/**
 * Reads a pd_account table (what get_interface answered for "pd.account/1"). Members past the
 * table's struct_size are absent. Returns null when it lacks create or destroy (not usable).
 */
function readAccountTable(iface) {
  const table = calls.readTable(iface, types.pd_account, abi.ACCOUNT_MEMBERS, accountFn);
  return table.api.create && table.api.destroy ? table : null;
}

// A JSON text argument from an object or text; anything else is a host bug, named.
function jsonArgument(value, what) {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  throw new TypeError(`${what}: expected an object or JSON text, got ${value === null ? 'null' : typeof value}`);
}

function stringArgument(value, what) {
  if (typeof value !== 'string') throw new TypeError(`${what}: expected a string, got ${value === null ? 'null' : typeof value}`);
  return value;
}

class AccountClient extends calls.HostedObject {
  /**
   * Creates a client (pd_account.create): `options` is the "account_options" document (object,
   * JSON text, or undefined for the defaults). Rejects with DriverCallError: 'invalid_argument'
   * naming the option (`options.plex_tv_url: ...`). No network I/O.
   */
  static async create(library, table, options, handlers = {}) {
    const client = new AccountClient(library, table, calls.token(), handlers);
    const host = calls.hostStruct(client._ctx, library.info.negotiatedMinor);
    const json = options === undefined || options === null ? null : jsonArgument(options, 'options');
    client._handle = await calls.createHandle(client, table.api.create, host, json, 'account create');
    return client;
  }

  constructor(library, table, ctx, handlers) {
    super(library, ctx, handlers, { what: 'the account client', ending: 'closing', endingPhrase: 'being closed', ended: 'closed' });
    this._table = table;
  }

  _run(member, inputs, options) {
    return this._callWithSink(this._table.api[member], inputs, options,
      () => `the driver "${this.library.info.id}" does not provide ${member} in its account interface (${this._table.interfaceSize} bytes)`);
  }

  /** Starts a PIN sign-in: "account_pin" (id, code, auth_url for the user to open, expiry). */
  startPin(options) {
    return this._run('start_pin', [], options);
  }

  /**
   * Asks once whether the PIN was approved. `pin`: the "account_pin" document (or {id}).
   * Document: "account_pin_status" ({approved: false}) while waiting, "account_login" once
   * approved; 'not_found' when the PIN expired.
   */
  checkPin(pin, options) {
    const json = jsonArgument(pin, 'pin');
    return this._run('check_pin', [json], options);
  }

  /**
   * Waits until the PIN is approved ("account_login", with the token), expires ('not_found') or
   * options.signal aborts ('cancelled'). Progress: share of the PIN's lifetime used, time left.
   */
  waitPin(pin, options) {
    const json = jsonArgument(pin, 'pin');
    return this._run('wait_pin', [json], options);
  }

  /**
   * Password sign-in: "account_credentials" ({login, password, code?, method?}). 'unauthorized'
   * with detail 1029 when a two-factor code is needed (call again with `code`), detail 401 for
   * wrong credentials. The password is not kept by the driver.
   */
  signIn(credentials, options) {
    const json = jsonArgument(credentials, 'credentials');
    return this._run('sign_in', [json], options);
  }

  /** "account_token": {valid, user, message}; valid false (still ok) when the service refuses it. */
  checkToken(token, options) {
    const text = stringArgument(token, 'token');
    return this._run('check_token', [text], options);
  }

  /** "account_servers": the account's servers with every address (no tokens). */
  servers(token, options) {
    const text = stringArgument(token, 'token');
    return this._run('servers', [text], options);
  }

  /**
   * Chooses how to reach one server: "account_connection_request" ({token, server?, name?,
   * allow_relay?}). Document "account_connection": what was tried and why, and `config`, a ready
   * createInstance() configuration (null when no address proved; the status then says why).
   */
  chooseConnection(request, options) {
    const json = jsonArgument(request, 'request');
    return this._run('choose_connection', [json], options);
  }

  /**
   * Cancels waits in progress (they resolve 'cancelled'), waits for calls in flight, frees the
   * client. No callback of this client runs after the promise resolves. Idempotent.
   */
  async close() {
    return this._end(this._table.api.destroy, this.library._accountClients);
  }

  get closed() {
    return this._ended;
  }
}

module.exports = { AccountClient, readAccountTable };
