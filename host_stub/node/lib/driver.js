'use strict';
// Loading a PlayerDriver module from Node.js the way a host must (player_driver.h, "Loading"):
// open the library, call the one exported entry function, check the entry's struct_size and ABI
// major, negotiate the minor, fetch the "pd.driver/1" table (members past its struct_size are
// absent), create instances with host callbacks, call them, destroy them.
//
// Threading (why every driver call is asynchronous):
//   JavaScript runs on one thread. koffi runs a callback on that thread even when the driver
//   calls it from another one: the calling native thread waits while koffi queues the call to
//   the JS event loop. So the JS thread must never sit inside the driver while a driver thread
//   needs it, or both wait forever (destroy() joins threads that may be inside a log callback;
//   a call may wait for a lock a driver thread holds while it logs). Every call that can reach an
//   instance therefore runs through koffi's `.async` on a libuv worker thread and returns a
//   Promise; the JS thread stays free to run callbacks: log, progress, is_cancelled and the
//   result sink from the worker thread, log and event from the driver's own threads. Only the
//   entry function, negotiate and get_interface (static, cheap, [any-thread]) run synchronously.
//   Callbacks must therefore be quick and must not block; their arguments are copied before the
//   native thread continues, as the header requires ("valid only during the call").
//   koffi's async calls use libuv's thread pool (UV_THREADPOOL_SIZE, 4 by default): a sync that
//   waits minutes for the server holds one pool thread that long, so a host running several at
//   once raises UV_THREADPOOL_SIZE, or Node's own file and DNS work queues behind them.
//
// Ownership: the host callbacks are registered with koffi once per process and routed by
// pd_host.ctx (the instance) and op_ctx (the call), both small integers the driver never
// dereferences (calls.js). An instance must be destroyed (await instance.destroy()) and an
// account client closed (account.js) before the library is closed and before the process exits.
// The optional "pd.account/1" and "pd.provider/1" interfaces are looked up by id when the library
// loads.

const fs = require('node:fs');
const path = require('node:path');
const abi = require('./abi');
const account = require('./account');
const provider = require('./provider');
const calls = require('./calls');
const { DriverLoadError, DriverCallError } = require('./errors');

const { koffi, types, fn } = abi;
const { guarded, sinkFor, unsupported, runCall } = calls;

// ---- the library -------------------------------------------------------------------------

function fail(kind, message) {
  throw new DriverLoadError(kind, message);
}

class DriverLibrary {
  /**
   * Loads the driver at `file`. options.hostMajor/hostMinor: the ABI version this host offers
   * (default: the header's, 1.2; an older minor makes the adapter behave as that host would).
   * Throws DriverLoadError with a `kind` saying which step failed.
   */
  static load(file, options = {}) {
    const hostMajor = options.hostMajor === undefined ? abi.ABI_MAJOR : options.hostMajor;
    const hostMinor = options.hostMinor === undefined ? abi.ABI_MINOR : options.hostMinor;
    if (!fs.existsSync(file)) fail('open_failed', `cannot open driver "${file}": no such file`);
    let lib;
    try {
      lib = koffi.load(file);
    } catch (e) {
      fail('open_failed', `cannot open driver "${file}": ${e.message} (is it a shared library built for this machine?)`);
    }
    let entryFn;
    try {
      entryFn = lib.func(abi.ENTRY_SYMBOL, 'const void *', []);
    } catch (e) {
      lib.unload();
      fail('missing_entry', `"${file}" is a library but not a PlayerDriver: it does not export "${abi.ENTRY_SYMBOL}"`);
    }
    const library = new DriverLibrary(file, lib);
    try {
      library._open(entryFn, hostMajor, hostMinor);
    } catch (e) {
      lib.unload();
      throw e;
    }
    return library;
  }

  constructor(file, lib) {
    this._lib = lib;
    this._instances = new Set();
    this._accountClients = new Set();
    this._providers = new Set();
    this._closed = false;
    this.info = { path: path.resolve(file) };
  }

  _open(entryFn, hostMajor, hostMinor) {
    const file = this.info.path;
    const entryPtr = entryFn();
    if (!entryPtr) fail('invalid_entry', `"${file}": ${abi.ENTRY_SYMBOL}() returned NULL`);
    // struct_size first: every pd_entry member exists since ABI 1.0, so a smaller struct is bad.
    const entrySize = koffi.decode(entryPtr, 'uint32_t');
    if (entrySize < koffi.sizeof(types.pd_entry)) {
      fail('invalid_entry', `"${file}": its entry struct is too small (${entrySize} bytes, ABI 1.0 has ${koffi.sizeof(types.pd_entry)})`);
    }
    const entry = koffi.decode(entryPtr, types.pd_entry);
    if (!entry.negotiate || !entry.get_interface) {
      fail('invalid_entry', `"${file}": its entry struct lacks negotiate/get_interface`);
    }
    Object.assign(this.info, {
      id: entry.driver_id || '',
      name: entry.driver_name || '',
      version: entry.driver_version || '',
      abiMajor: entry.abi_major,
      abiMinor: entry.abi_minor,
      entrySize,
    });
    if (entry.abi_major !== hostMajor) {
      fail('incompatible_abi', `"${file}" (${this.info.id} ${this.info.version}) speaks PlayerDriver ABI ${entry.abi_major}.${entry.abi_minor}, this host speaks ${hostMajor}.${hostMinor}: use a driver built for ABI ${hostMajor}.x`);
    }
    const negotiate = koffi.decode(entry.negotiate, types.pd_negotiate_fn);
    const minor = [0];
    const negotiated = negotiate(hostMajor, hostMinor, minor);
    if (negotiated !== abi.Status.OK) {
      fail('incompatible_abi', `"${file}" refused ABI ${hostMajor}.${hostMinor} (status ${abi.statusName(negotiated)})`);
    }
    this.info.negotiatedMinor = Math.min(minor[0], hostMinor);
    const getInterface = koffi.decode(entry.get_interface, types.pd_get_interface_fn);
    const iface = getInterface(abi.DRIVER_INTERFACE_ID);
    if (!iface) fail('missing_interface', `"${file}" does not provide the "${abi.DRIVER_INTERFACE_ID}" interface`);
    // Read only the members the driver's table has (struct_size) and this host negotiated.
    const table = calls.readTable(iface, types.pd_driver, abi.DRIVER_MEMBERS, fn,
      (member) => (abi.DRIVER_MEMBER_MINOR[member] || 0) <= this.info.negotiatedMinor);
    this.info.interfaceSize = table.interfaceSize;
    this._api = table.api;
    if (!this._api.create || !this._api.destroy) {
      fail('missing_interface', `"${file}": the driver interface lacks create/destroy (struct_size ${table.interfaceSize})`);
    }
    this.info.operations = table.operations;
    // The optional account interface: asked for by id; NULL (or a table without create and
    // destroy) means the driver has none, which is no load error.
    const accountIface = getInterface(abi.ACCOUNT_INTERFACE_ID);
    this._account = accountIface ? account.readAccountTable(accountIface) : null;
    const providerIface = getInterface(abi.PROVIDER_INTERFACE_ID);
    this._provider = providerIface ? provider.readProviderTable(providerIface) : null;
    this.info.interfaces = [abi.DRIVER_INTERFACE_ID]
      .concat(this._account ? [abi.ACCOUNT_INTERFACE_ID] : [])
      .concat(this._provider ? [abi.PROVIDER_INTERFACE_ID] : []);
    this.info.account = this._account
      ? { interfaceSize: this._account.interfaceSize, operations: this._account.operations }
      : null;
    this.info.provider = this._provider
      ? { interfaceSize: this._provider.interfaceSize, operations: this._provider.operations }
      : null;
  }

  /** True when the driver's table has `member` ("find", "sessions", ...) and it was negotiated. */
  has(member) {
    return Boolean(this._api[member]);
  }

  /** True when the driver provides the interface ("pd.driver/1", "pd.account/1"). */
  hasInterface(id) {
    return this.info.interfaces.includes(id);
  }

  /**
   * Creates an account client ("pd.account/1"; account.js): `options` is the "account_options"
   * document (object, JSON text, or undefined for the defaults); handlers: onLog(level,
   * message), onProgress({fraction, message, call}). Rejects with DriverCallError: 'unsupported'
   * when the driver has no account interface, 'invalid_argument' naming a bad option.
   */
  async createAccountClient(options, handlers) {
    this._checkOpen();
    if (!this._account) {
      throw new DriverCallError(unsupported(`the driver "${this.info.id}" (${this.info.path}) does not provide the "${abi.ACCOUNT_INTERFACE_ID}" interface: sign in another way, e.g. ask for a token`));
    }
    const client = await account.AccountClient.create(this, this._account, options, handlers);
    this._accountClients.add(client);
    return client;
  }

  /**
   * Creates a metadata provider ("pd.provider/1"; provider.js) from `config`: the instance
   * "config" document (object or JSON text; its path_mappings give the manager roots) with an
   * optional "provider" object. handlers: onLog(level, message) (one line per refused request).
   * Rejects with DriverCallError: 'unsupported' when the driver has no metadata provider,
   * 'invalid_config' naming the key.
   */
  async createProvider(config, handlers) {
    this._checkOpen();
    if (!this._provider) {
      throw new DriverCallError(unsupported(`the driver "${this.info.id}" (${this.info.path}) offers no metadata provider (the "${abi.PROVIDER_INTERFACE_ID}" interface)`));
    }
    const p = await provider.Provider.create(this, this._provider, config, handlers);
    this._providers.add(p);
    return p;
  }

  /** The capabilities document without an instance: what the driver can do. */
  async capabilities() {
    this._checkOpen();
    if (!this._api.capabilities) return unsupported('the driver has no capabilities function');
    return runCall(this._api.capabilities, (call, err) => [null, sinkFor(call), err]);
  }

  /**
   * Creates an instance for one media server. `config` is the "config" document (object or JSON
   * text). handlers: onLog(level, message), onProgress({fraction, message, call}) for every call,
   * onEvent(event, json) for the driver's events (ABI 1.2). Throws DriverCallError when the
   * driver refuses (status invalid_config, message naming the key).
   */
  async createInstance(config, handlers = {}) {
    this._checkOpen();
    const instance = new DriverInstance(this, calls.token(), handlers);
    const host = calls.hostStruct(instance._ctx, this.info.negotiatedMinor);
    const json = typeof config === 'string' ? config : JSON.stringify(config);
    instance._handle = await calls.createHandle(instance, this._api.create, host, json, 'create');
    this._instances.add(instance);
    return instance;
  }

  /** Unloads the library. Every instance, account client and provider must have been closed first. */
  close() {
    if (this._closed) return;
    if (this._instances.size > 0) {
      throw new Error(`${this._instances.size} instance(s) of "${this.info.path}" are still alive: destroy them first`);
    }
    if (this._accountClients.size > 0) {
      throw new Error(`${this._accountClients.size} account client(s) of "${this.info.path}" are still open: close them first`);
    }
    if (this._providers.size > 0) {
      throw new Error(`${this._providers.size} metadata provider(s) of "${this.info.path}" are still open: close them first`);
    }
    this._closed = true;
    this._lib.unload();
  }

  _checkOpen() {
    if (this._closed) throw new Error(`the driver "${this.info.path}" was closed`);
  }
}

// ---- an instance -------------------------------------------------------------------------

class DriverInstance extends calls.HostedObject {
  constructor(library, ctx, handlers) {
    super(library, ctx, handlers, { what: 'the instance', ending: 'destroying', endingPhrase: 'being destroyed', ended: 'destroyed' });
  }

  _event(json) {
    let event = null;
    try {
      event = JSON.parse(json);
    } catch (e) {
      process.emitWarning(`PlayerDriver event is not JSON: ${e.message}`);
    }
    guarded('event', this._handlers.onEvent, event, json);
  }

  _missing(member) {
    const info = this.library.info;
    return () => `the driver "${info.id}" does not provide ${member} (its interface is ABI ${info.abiMajor}.${info.negotiatedMinor}, ${info.interfaceSize} bytes)`;
  }

  _run(member, args, options) {
    return this._call(this.library._api[member], args, options, this._missing(member));
  }

  // The calls that write a document: (handle, ...inputs, op_ctx, sink, err).
  _runWithSink(member, inputs, options) {
    return this._callWithSink(this.library._api[member], inputs, options, this._missing(member));
  }

  /** options for every call: { signal: AbortSignal (polled via is_cancelled), onProgress }. */
  connect(options) {
    return this._run('connect', (call, err) => [this._handle, call.id, err], options);
  }

  capabilities() {
    return this._run('capabilities', (call, err) => [this._handle, sinkFor(call), err]);
  }

  testConnection(options) {
    return this._runWithSink('test_connection', [], options);
  }

  /** `request`: the "sync_request" document (object or JSON text). */
  sync(request, options) {
    const json = typeof request === 'string' ? request : JSON.stringify(request);
    return this._runWithSink('sync', [json], options);
  }

  /** ABI 1.1: what the server has at `path` (as the media manager sees it). */
  find(pathToFind, options) {
    return this._runWithSink('find', [pathToFind], options);
  }

  /** ABI 1.2: who is watching now. */
  sessions(options) {
    return this._runWithSink('sessions', [], options);
  }

  /** ABI 1.2: one webhook request the host's HTTP server received (raw body bytes). */
  handleWebhook(contentType, body) {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
    return this._run('handle_webhook', (call, err) => [this._handle, contentType, bytes, bytes.length, sinkFor(call), err]);
  }

  /**
   * Cancels what the instance does, waits for its calls and threads, frees it. No callback of
   * this instance runs after the promise resolves. Idempotent.
   */
  async destroy() {
    return this._end(this.library._api.destroy, this.library._instances);
  }

  get destroyed() {
    return this._ended;
  }
}

/** Loads a driver (DriverLibrary.load). */
function loadDriver(file, options) {
  return DriverLibrary.load(file, options);
}

/**
 * A host's plugins directory (e.g. /usr/lib/metarr/plugins): tries every shared library in it.
 * Returns [{file, driver}] for the ones that load and [{file, error}] for the others, sorted
 * by file name; never throws for one bad file.
 */
function discoverDrivers(dir, options) {
  const suffix = process.platform === 'win32' ? '.dll' : process.platform === 'darwin' ? '.dylib' : '.so';
  return fs.readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      try {
        return { file, driver: DriverLibrary.load(file, options) };
      } catch (e) {
        return { file, error: e };
      }
    });
}

module.exports = {
  loadDriver,
  discoverDrivers,
  DriverLibrary,
  DriverInstance,
};
