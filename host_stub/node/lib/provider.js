// SPDX-License-Identifier: MIT
'use strict';
// The optional metadata provider interface ("pd.provider/1", pd_provider in player_driver.h)
// from Node.js: a media server that asks an HTTP service for metadata (Plex Media Server 1.43+,
// "custom metadata providers") is answered with what the media manager wrote beside the media
// (NFO fields, artwork). The host runs the HTTP server; this module turns one request into
// pd_provider.handle and its answer (pd_http_response.start, then write) into
// {status, headers, body}, and offers a ready (req, res[, next]) handler for Node's http
// server or Express. check(path) writes the "provider_check" document (documents.d.ts).
//
// A Provider needs no driver instance and does no network I/O: it reads the files below the
// config's path_mappings. handle() and check() are [thread-safe] in the driver: each is a koffi
// async call on a libuv worker thread, several at once (UV_THREADPOOL_SIZE bounds how many run
// in parallel). The response callbacks reach the JS thread from that worker thread and copy the
// bytes (valid only during the callback). close() waits for the calls in flight, then destroys.

const abi = require('./abi');
const calls = require('./calls');
const { DriverCallError } = require('./errors');

const { koffi, types, providerFn } = abi;

/** The largest request body httpHandler() reads (a match request is a few hundred bytes). */
const MAX_REQUEST_BODY = 1 << 20;

/**
 * Reads a pd_provider table (what get_interface answered for "pd.provider/1"): null when it
 * lacks create, destroy or handle (not usable).
 */
function readProviderTable(iface) {
  const table = calls.readTable(iface, types.pd_provider, abi.PROVIDER_MEMBERS, providerFn);
  return table.api.create && table.api.destroy && table.api.handle ? table : null;
}

// Answers being written, by pd_http_response.ctx (a BigInt token).
const liveAnswers = new Map();
let responseCallbacks = null;

function keyOf(pointer) {
  return pointer === null || pointer === undefined ? 0n : BigInt(pointer);
}

function callbacks() {
  if (responseCallbacks) return responseCallbacks;
  responseCallbacks = {
    start: koffi.register((ctx, status, headers, count) => {
      const answer = liveAnswers.get(keyOf(ctx));
      if (!answer) {
        calls.counters.lateCallbacks += 1;
        return;
      }
      answer.starts += 1;
      if (answer.starts > 1) return; // the ABI says once; a second start is ignored
      answer.status = status;
      const n = Number(count);
      const list = n > 0 && headers ? koffi.decode(headers, types.pd_http_header, n) : [];
      answer.headerList = list.map((h) => [h.name || '', h.value || '']);
    }, koffi.pointer(types.pd_http_start_fn)),
    write: koffi.register((ctx, data, size) => {
      const answer = liveAnswers.get(keyOf(ctx));
      const n = Number(size);
      if (!answer) {
        calls.counters.lateCallbacks += 1;
        return;
      }
      if (answer.starts > 0 && n > 0 && data) answer.chunks.push(Buffer.from(new Uint8Array(koffi.view(data, n))));
    }, koffi.pointer(types.pd_http_write_fn)),
  };
  return responseCallbacks;
}

// Request headers as [name, value] pairs from: Node's rawHeaders (a flat list), an array of
// pairs, or an object (name -> value or array of values, like req.headers).
function headerPairs(headers) {
  if (!headers) return [];
  if (Array.isArray(headers)) {
    if (headers.length === 0) return [];
    if (Array.isArray(headers[0])) return headers.map(([n, v]) => [String(n), String(v)]);
    const pairs = [];
    for (let i = 0; i + 1 < headers.length; i += 2) pairs.push([String(headers[i]), String(headers[i + 1])]);
    return pairs;
  }
  const pairs = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) pairs.push([name, String(v)]);
  }
  return pairs;
}

// The answer's headers as an object for res.writeHead: repeated names are joined with ", ".
function headerObject(pairs) {
  const out = {};
  for (const [name, value] of pairs) out[name] = name in out ? `${out[name]}, ${value}` : value;
  return out;
}

function splitTarget(target) {
  const noFragment = String(target).split('#')[0];
  const q = noFragment.indexOf('?');
  return q < 0 ? { path: noFragment || '/', query: '' } : { path: noFragment.slice(0, q) || '/', query: noFragment.slice(q + 1) };
}

function jsonText(value, what) {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  throw new TypeError(`${what}: expected an object or JSON text, got ${value === null ? 'null' : typeof value}`);
}

class Provider extends calls.HostedObject {
  /**
   * Creates a provider (pd_provider.create) from `config`: the instance "config" document (its
   * path_mappings give the manager roots) with an optional "provider" object (name, title,
   * public_url). Rejects with DriverCallError ('invalid_config' naming the key). No network I/O.
   */
  static async create(library, table, config, handlers = {}) {
    const provider = new Provider(library, table, calls.token(), handlers);
    const host = calls.hostStruct(provider._ctx, library.info.negotiatedMinor);
    provider._handle = await calls.createHandle(provider, table.api.create, host, jsonText(config, 'config'), 'provider create');
    return provider;
  }

  constructor(library, table, ctx, handlers) {
    super(library, ctx, handlers, { what: 'the provider', ending: 'closing', endingPhrase: 'being closed', ended: 'closed' });
    this._table = table;
    this._inFlight = new Set();
  }

  _checkLive() {
    if (this._state !== 'live' || this._closing) {
      throw new Error(`the provider was ${this._ended ? 'closed' : 'being closed'}: no new calls`);
    }
  }

  _track(promise) {
    this._inFlight.add(promise);
    const forget = () => this._inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  /**
   * Answers one request (pd_provider.handle). request: {method = 'GET', path (below the mount
   * point, percent-encoded as received, may carry "?query"), query, headers (object, pairs or
   * Node's rawHeaders), body (Buffer or string), baseUrl (the mount point's absolute URL, e.g.
   * "http://192.168.1.5:7878/plex-provider"; default: the config's provider.public_url, else
   * "http://" + the Host header)}. Resolves to {status, headers (object), headerList (pairs),
   * body (Buffer)}; 4xx answers included. Rejects with DriverCallError when the driver wrote no
   * answer (an internal failure).
   */
  handle(request) {
    this._checkLive();
    return this._track(this._handleNow(request || {}));
  }

  async _handleNow(request) {
    const target = splitTarget(request.path === undefined ? '/' : request.path);
    const query = request.query !== undefined && request.query !== null ? String(request.query).replace(/^\?/, '') : target.query;
    const pairs = headerPairs(request.headers);
    let body = request.body;
    if (body !== undefined && body !== null && !Buffer.isBuffer(body)) body = Buffer.from(body);
    const cb = callbacks();
    const answer = { id: calls.token(), starts: 0, status: 0, headerList: [], chunks: [] };
    liveAnswers.set(answer.id, answer);
    const err = {
      struct_size: koffi.sizeof(types.pd_error), status: 0, detail: 0, message: new Uint8Array(abi.ERROR_MESSAGE_CAPACITY),
    };
    const native = {
      struct_size: koffi.sizeof(types.pd_http_request),
      method: String(request.method || 'GET').toUpperCase(),
      path: target.path,
      query,
      headers: pairs.length ? pairs.map(([name, value]) => ({ name, value })) : null,
      header_count: pairs.length,
      body: body && body.length ? body : null,
      body_size: body ? body.length : 0,
      base_url: request.baseUrl ? String(request.baseUrl).replace(/\/+$/, '') : null,
    };
    const response = { struct_size: koffi.sizeof(types.pd_http_response), ctx: answer.id, start: cb.start, write: cb.write };
    let status;
    try {
      status = await calls.callAsync(this._table.api.handle, [this._handle, native, response, err]);
    } finally {
      liveAnswers.delete(answer.id);
    }
    if (status !== abi.Status.OK || answer.starts === 0) {
      const end = err.message.indexOf(0);
      const message = Buffer.from(err.message.subarray(0, end < 0 ? err.message.length : end)).toString('utf8');
      const failed = status === abi.Status.OK ? abi.Status.INTERNAL : status;
      throw new DriverCallError({
        ok: false, status: failed, statusName: abi.statusName(failed), detail: err.detail,
        message: status === abi.Status.OK ? 'the provider returned PD_OK without an answer' : message || abi.statusName(failed),
        document: null, json: '',
      });
    }
    return {
      status: answer.status,
      headers: headerObject(answer.headerList),
      headerList: answer.headerList,
      body: Buffer.concat(answer.chunks),
    };
  }

  /**
   * What the provider would tell the media server for the item at `path` (a media file or
   * folder, as the media manager or, through path_mappings, the server sees it): the
   * "provider_check" document. 'not_found' when the path is outside every manager root.
   */
  check(path, options) {
    this._checkLive();
    if (typeof path !== 'string') throw new TypeError(`path: expected a string, got ${path === null ? 'null' : typeof path}`);
    return this._track(this._callWithSink(this._table.api.check, [path], options,
      () => `the driver "${this.library.info.id}" does not provide check in its provider interface (${this._table.interfaceSize} bytes)`));
  }

  // The calls with a sink: (handle, ...inputs, sink, err) (no op_ctx in pd_provider.check).
  _callWithSink(f, inputs, options, missing) {
    return this._call(f, (call, err) => [this._handle, ...inputs, calls.sinkFor(call), err], options, missing);
  }

  /**
   * A request handler for http.createServer (or Express: with a third argument `next`,
   * requests outside mountPath go to next()). Strips mountPath from the path, reads the body
   * (more than maxBody bytes: 413), builds baseUrl from the Host header and mountPath (unless
   * options.baseUrl is given), calls handle() and writes its answer; 404 outside mountPath,
   * 500 (with the driver's message) when the provider failed.
   */
  httpHandler(options = {}) {
    const mountPath = String(options.mountPath || '').replace(/\/+$/, '');
    const maxBody = options.maxBody || MAX_REQUEST_BODY;
    const fixedBase = options.baseUrl ? String(options.baseUrl).replace(/\/+$/, '') : null;
    return (req, res, next) => {
      const { path, query } = splitTarget(req.url || '/');
      const below = mountPath === '' ? path
        : path === mountPath ? '/'
          : path.startsWith(`${mountPath}/`) ? path.slice(mountPath.length) : null;
      if (below === null) {
        if (typeof next === 'function') return next();
        return reply(res, 404, 'not found\n');
      }
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBody) {
        res.setHeader('Connection', 'close');
        reply(res, 413, `request body larger than ${maxBody} bytes\n`);
        req.resume();
        return undefined;
      }
      const chunks = [];
      let size = 0;
      let refused = false;
      req.on('data', (chunk) => {
        if (refused) return;
        size += chunk.length;
        if (size > maxBody) {
          refused = true;
          res.setHeader('Connection', 'close');
          reply(res, 413, `request body larger than ${maxBody} bytes\n`);
          return;
        }
        chunks.push(chunk);
      });
      req.on('error', () => {
        refused = true;
      });
      req.on('end', () => {
        if (refused) return;
        const host = req.headers.host;
        const scheme = req.socket && req.socket.encrypted ? 'https' : 'http';
        const baseUrl = fixedBase || (host ? `${scheme}://${host}${mountPath}` : null);
        this.handle({ method: req.method, path: below, query, headers: req.rawHeaders, body: Buffer.concat(chunks), baseUrl })
          .then((answer) => {
            res.writeHead(answer.status, answer.headers);
            res.end(req.method === 'HEAD' ? undefined : answer.body);
          })
          .catch((e) => reply(res, 500, `the metadata provider failed: ${e && e.message ? e.message : e}\n`));
      });
      return undefined;
    };
  }

  /**
   * Refuses new calls, waits for the calls in flight (the ABI: handle() must have returned
   * before destroy), destroys the provider. No callback of it runs afterwards. Idempotent.
   */
  close() {
    if (!this._closing) {
      this._closing = (async () => {
        await Promise.allSettled([...this._inFlight]);
        await this._end(this._table.api.destroy, this.library._providers);
      })();
    }
    return this._closing;
  }

  get closed() {
    return this._ended;
  }
}

function reply(res, status, text) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

module.exports = { Provider, readProviderTable, MAX_REQUEST_BODY, splitTarget, headerPairs };
