'use strict';
// What every driver call shares: the process-wide host callbacks (pd_host's log, progress,
// is_cancelled, event and pd_sink's write), routed to the object and the call they belong to,
// and the result of a call ({ok, status, statusName, detail, message, document, json}).
//
// Routing: koffi registers each callback once per process. pd_host.ctx identifies the object a
// pd_host was made for (a driver instance or an account client: anything with _log, _progress
// and _event) and op_ctx / the sink's ctx the call; both are small integers (BigInt tokens) the
// driver never dereferences. A callback for an object or call the host no longer knows is
// counted in `counters.lateCallbacks` and otherwise ignored (the ABI promises none).
// Threading: see driver.js. Callbacks run on the JS thread (koffi queues them there from any
// native thread, which waits), so every call that can make one runs through callAsync.

const abi = require('./abi');
const { DriverCallError } = require('./errors');

const { koffi, types } = abi;

const liveHosts = new Map(); // pd_host.ctx (BigInt) -> instance or account client
const liveCalls = new Map(); // op_ctx and sink ctx (BigInt) -> call state
let nextToken = 1n;
let callbacks = null;
// Callbacks that arrived for an object or call the host no longer knows: the ABI promises none
// after destroy() returned, and tests assert this stays 0.
const counters = { lateCallbacks: 0 };

function token() {
  const t = nextToken;
  nextToken += 1n;
  return t;
}

function keyOf(pointer) {
  return pointer === null || pointer === undefined ? 0n : BigInt(pointer);
}

// Runs a host-supplied JS function without letting its exception reach koffi (which would hand
// the driver 0 and lose the error): the error is reported as a process warning instead.
function guarded(what, f, ...args) {
  if (typeof f !== 'function') return undefined;
  try {
    return f(...args);
  } catch (e) {
    process.emitWarning(`PlayerDriver ${what} callback threw: ${e && e.stack ? e.stack : e}`);
    return undefined;
  }
}

function hostCallbacks() {
  if (callbacks) return callbacks;
  callbacks = {
    log: koffi.register((ctx, level, message) => {
      const host = liveHosts.get(keyOf(ctx));
      if (!host) {
        counters.lateCallbacks += 1;
        return;
      }
      host._log(level, message);
    }, koffi.pointer(types.pd_log_fn)),
    progress: koffi.register((ctx, opCtx, fraction, message) => {
      const host = liveHosts.get(keyOf(ctx));
      if (!host) {
        counters.lateCallbacks += 1;
        return;
      }
      host._progress(liveCalls.get(keyOf(opCtx)), fraction, message);
    }, koffi.pointer(types.pd_progress_fn)),
    isCancelled: koffi.register((ctx, opCtx) => {
      if (!liveHosts.has(keyOf(ctx))) {
        counters.lateCallbacks += 1;
        return 1;
      }
      const call = liveCalls.get(keyOf(opCtx));
      return call && call.signal && call.signal.aborted ? 1 : 0;
    }, koffi.pointer(types.pd_is_cancelled_fn)),
    event: koffi.register((ctx, eventJson) => {
      const host = liveHosts.get(keyOf(ctx));
      if (!host) {
        counters.lateCallbacks += 1;
        return;
      }
      host._event(eventJson);
    }, koffi.pointer(types.pd_event_fn)),
    // `data` is not NUL-terminated and is valid only now: copy the bytes (chunks may split a
    // UTF-8 sequence, so they are decoded once the call returned).
    write: koffi.register((ctx, data, size) => {
      const call = liveCalls.get(keyOf(ctx));
      const n = Number(size);
      if (!call) {
        counters.lateCallbacks += 1;
        return;
      }
      if (n > 0 && data) call.chunks.push(Buffer.from(new Uint8Array(koffi.view(data, n))));
    }, koffi.pointer(types.pd_sink_write_fn)),
  };
  return callbacks;
}

/**
 * The pd_host for `ctx` (a token registered in liveHosts), as a host that negotiated
 * `negotiatedMinor` fills it: ABI 1.2 appended `event`, so an older host's struct ends before it.
 */
function hostStruct(ctx, negotiatedMinor) {
  const cb = hostCallbacks();
  return {
    struct_size: negotiatedMinor >= 2 ? koffi.sizeof(types.pd_host) : koffi.offsetof(types.pd_host, 'event'),
    ctx,
    log: cb.log,
    progress: cb.progress,
    is_cancelled: cb.isCancelled,
    event: cb.event,
  };
}

function callAsync(f, args) {
  return new Promise((resolve, reject) => {
    f.async(...args, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

function newError() {
  return {
    struct_size: koffi.sizeof(types.pd_error),
    status: 0,
    detail: 0,
    message: new Uint8Array(abi.ERROR_MESSAGE_CAPACITY),
  };
}

function errorMessage(bytes) {
  const buf = Buffer.from(bytes);
  const end = buf.indexOf(0);
  return buf.subarray(0, end < 0 ? buf.length : end).toString('utf8');
}

function beginCall(options) {
  const call = {
    id: token(),
    signal: options && options.signal,
    onProgress: options && options.onProgress,
    chunks: [],
  };
  liveCalls.set(call.id, call);
  return call;
}

function endCall(call) {
  liveCalls.delete(call.id);
}

function sinkFor(call) {
  return { struct_size: koffi.sizeof(types.pd_sink), ctx: call.id, write: hostCallbacks().write };
}

// The outcome of one driver call: its status, the pd_error it filled, and the document it
// wrote to the sink (parsed; `json` keeps the exact text).
function resultOf(status, err, call) {
  const json = call && call.chunks.length ? Buffer.concat(call.chunks).toString('utf8') : '';
  const result = {
    ok: status === abi.Status.OK,
    status,
    statusName: abi.statusName(status),
    detail: err.detail,
    message: status === abi.Status.OK ? '' : errorMessage(err.message),
    document: null,
    json,
  };
  if (json) {
    try {
      result.document = JSON.parse(json);
    } catch (e) {
      result.documentError = `the driver wrote a document that is not JSON: ${e.message}`;
    }
  }
  return result;
}

function unsupported(what) {
  return {
    ok: false,
    status: abi.Status.UNSUPPORTED,
    statusName: 'unsupported',
    detail: 0,
    message: what,
    document: null,
    json: '',
  };
}

/**
 * Runs `f` (a koffi function) asynchronously as one call: `args(call, err)` builds its
 * arguments. Resolves to the call's result; the call is forgotten once it returned.
 */
async function runCall(f, args, options) {
  const call = beginCall(options);
  const err = newError();
  try {
    const status = await callAsync(f, args(call, err));
    return resultOf(status, err, call);
  } finally {
    endCall(call);
  }
}

/**
 * Calls a table's `create(host, json, out, err)` for `owner` (an instance or an account client
 * whose `_ctx` the host callbacks carry) and resolves to the handle it made. The owner receives
 * callbacks from the moment create runs; it is forgotten again when create fails. Rejects with
 * DriverCallError (the driver's status and message; `what` names the call when the driver said
 * PD_OK without a handle).
 */
async function createHandle(owner, create, host, json, what) {
  const out = [null];
  const err = newError();
  liveHosts.set(owner._ctx, owner);
  let status;
  try {
    status = await callAsync(create, [host, json, out, err]);
  } catch (e) {
    liveHosts.delete(owner._ctx);
    throw e;
  }
  if (status !== abi.Status.OK || !out[0]) {
    liveHosts.delete(owner._ctx);
    const result = resultOf(status === abi.Status.OK ? abi.Status.INTERNAL : status, err, null);
    if (status === abi.Status.OK) result.message = `${what} returned PD_OK without a handle`;
    throw new DriverCallError(result);
  }
  return out[0];
}

/**
 * Reads a function table a driver answered get_interface with (`structType`, e.g. pd_driver):
 * only the members its struct_size covers and `wanted(member)` accepts, decoded with
 * `protos[member]`. Returns {interfaceSize, api, operations} (operations: member -> present).
 */
function readTable(iface, structType, members, protos, wanted = () => true) {
  const interfaceSize = koffi.decode(iface, 'uint32_t');
  const api = {};
  for (const member of members) {
    const offset = koffi.offsetof(structType, member);
    if (offset + koffi.sizeof('void *') > interfaceSize || !wanted(member)) continue;
    const pointer = koffi.decode(iface, offset, 'void *');
    if (pointer) api[member] = koffi.decode(pointer, protos[member]);
  }
  const operations = Object.fromEntries(members.map((m) => [m, Boolean(api[m])]));
  return { interfaceSize, api, operations };
}

/**
 * What a driver instance and an account client share: the host callbacks routed to them, calls
 * refused once they end, and their end (the driver's destroy, then forgotten). `words` names
 * the object and its ending in messages: {what, ending, endingPhrase, ended}, e.g. "the
 * instance", "destroying", "being destroyed", "destroyed".
 */
class HostedObject {
  constructor(library, ctx, handlers, words) {
    this.library = library;
    this._ctx = ctx;
    this._handlers = handlers || {};
    this._handle = null;
    this._state = 'live';
    this._words = words;
  }

  _log(level, message) {
    guarded('log', this._handlers.onLog, abi.logLevelName(level), message);
  }

  _progress(call, fraction, message) {
    const update = { fraction, message, call: call ? call.id : null };
    if (call) guarded('progress', call.onProgress, update);
    guarded('progress', this._handlers.onProgress, update);
  }

  // An object without events ignores a driver that sends one anyway.
  _event() {}

  // Runs table function `f` (absent: an 'unsupported' result saying `missing()`).
  async _call(f, args, options, missing) {
    const w = this._words;
    if (this._state !== 'live') throw new Error(`${w.what} was ${this._state === w.ending ? w.endingPhrase : w.ended}: no new calls`);
    if (!f) return unsupported(missing());
    return runCall(f, args, options);
  }

  // The calls that write a document: (handle, ...inputs, op_ctx, sink, err).
  _callWithSink(f, inputs, options, missing) {
    return this._call(f, (call, err) => [this._handle, ...inputs, call.id, sinkFor(call), err], options, missing);
  }

  // Frees the handle with `destroy` once (later calls get the same promise), then forgets the
  // object: no callback reaches it afterwards, and `registry` (the library's set) drops it.
  _end(destroy, registry) {
    if (this._state !== 'live') return this._ending;
    this._state = this._words.ending;
    this._ending = callAsync(destroy, [this._handle]).then(() => {
      this._state = this._words.ended;
      liveHosts.delete(this._ctx);
      registry.delete(this);
    });
    return this._ending;
  }

  get _ended() {
    return this._state === this._words.ended;
  }
}

module.exports = {
  HostedObject,
  readTable,
  createHandle,
  liveHosts,
  counters,
  token,
  guarded,
  hostStruct,
  callAsync,
  sinkFor,
  unsupported,
  runCall,
};
