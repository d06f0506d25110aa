// @plexdriver/player-driver-host: load PlayerDriver modules (plugin_api/include/player_driver/
// player_driver.h) from Node.js through koffi. The JSON documents are typed in documents.d.ts.
//
// Threading: every call that reaches the driver is asynchronous (a koffi async call on a libuv
// worker thread), so the JS thread stays free for the callbacks the driver makes from that
// worker thread and from its own threads; koffi runs them on the JS thread while the native
// thread waits. Callbacks must be quick and must not block. The async calls use libuv's thread
// pool (UV_THREADPOOL_SIZE): a waiting sync holds one pool thread until it returns.

import type {
  AccountConnection, AccountConnectionRequest, AccountCredentials, AccountLogin, AccountOptions,
  AccountPinRef, AccountPin, AccountPinStatus, AccountServers, AccountToken, Capabilities,
  DriverConfig, DriverEvent, FindResult, ProviderCheck, ProviderDriverConfig, ServerEvent, SessionsDocument,
  StatusName, SyncRequest, SyncResult, TestConnectionReport,
} from './documents';

export * from './documents';

/** pd_status values (player_driver.h). */
export declare const Status: Readonly<{
  OK: 0; INVALID_ARGUMENT: 1; INVALID_CONFIG: 2; UNAUTHORIZED: 3; FORBIDDEN: 4; UNREACHABLE: 5;
  DNS: 6; TIMEOUT: 7; TLS: 8; NOT_FOUND: 9; PROTOCOL: 10; CANCELLED: 11; UNSUPPORTED: 12;
  INCOMPATIBLE: 13; BUSY: 14; SERVER: 15; BUFFER: 16; INTERNAL: 17;
}>;
/** The ABI version this adapter speaks (the header it mirrors). */
export declare const ABI_MAJOR: 1;
export declare const ABI_MINOR: number;
/** Interface ids (pd_entry.get_interface). */
export declare const DRIVER_INTERFACE_ID: 'pd.driver/1';
export declare const ACCOUNT_INTERFACE_ID: 'pd.account/1';
export declare const PROVIDER_INTERFACE_ID: 'pd.provider/1';

/** The name of a status code; codes this adapter does not know read as 'internal'. */
export declare function statusName(code: number): 'ok' | StatusName;

export type LoadErrorKind = 'open_failed' | 'missing_entry' | 'invalid_entry' | 'incompatible_abi' | 'missing_interface';

/** Why a driver did not load: each step of the loading sequence has its own kind. */
export declare class DriverLoadError extends Error {
  readonly kind: LoadErrorKind;
}

/** The outcome of one driver call. `document` is the JSON the driver wrote to the sink, parsed. */
export interface CallResult<D = unknown> {
  ok: boolean;
  status: number;
  statusName: 'ok' | StatusName;
  /** pd_error.detail: the HTTP status where one applies, else 0. */
  detail: number;
  /** pd_error.message ('' on success): what failed and what to fix. */
  message: string;
  document: D | null;
  /** The document's exact text ('' when none was written). */
  json: string;
  /** Set when the driver wrote something that is not JSON. */
  documentError?: string;
}

/** create() refused (e.g. status 'invalid_config', message naming the key). */
export declare class DriverCallError extends Error {
  readonly status: number;
  readonly statusName: 'ok' | StatusName;
  readonly detail: number;
  readonly result: CallResult;
}

export interface LoadOptions {
  /** The ABI version this host offers (default: ABI_MAJOR.ABI_MINOR). */
  hostMajor?: number;
  hostMinor?: number;
}

export interface DriverInfo {
  /** Absolute path of the library. */
  path: string;
  id: string;
  name: string;
  version: string;
  abiMajor: number;
  /** The highest minor the driver implements. */
  abiMinor: number;
  /** The minor host and driver use (min of both). */
  negotiatedMinor: number;
  entrySize: number;
  /** pd_driver.struct_size: members past it are absent. */
  interfaceSize: number;
  /** Which pd_driver members the driver has (and this host negotiated). */
  operations: Record<DriverMember, boolean>;
  /** The interface ids the driver answered (of those this adapter knows). */
  interfaces: string[];
  /** The account interface ("pd.account/1"), or null when the driver has none. */
  account: { interfaceSize: number; operations: Record<AccountMember, boolean> } | null;
  /** The "pd.provider/1" table, or null when the driver offers no metadata provider. */
  provider: { interfaceSize: number; operations: Record<ProviderMember, boolean> } | null;
}

export type ProviderMember = 'create' | 'destroy' | 'handle' | 'check';

export type AccountMember = 'create' | 'destroy' | 'start_pin' | 'check_pin' | 'wait_pin' | 'sign_in' | 'check_token' | 'servers' | 'choose_connection';

export type DriverMember = 'create' | 'destroy' | 'connect' | 'capabilities' | 'test_connection' | 'sync' | 'find' | 'sessions' | 'handle_webhook';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface ProgressUpdate {
  /** In [0, 1], or -1 when unknown. */
  fraction: number;
  message: string;
  /** The call it belongs to (null for work the instance does on its own, e.g. queued scans). */
  call: bigint | null;
}

export interface InstanceHandlers {
  /** pd_host.log: never contains secrets. From any driver thread, run on the JS thread. */
  onLog?(level: LogLevel, message: string): void;
  /** pd_host.progress for every call of the instance. */
  onProgress?(update: ProgressUpdate): void;
  /**
   * pd_host.event (ABI 1.2): `event` is null only when the driver wrote invalid JSON. Narrow on
   * `event.type` (or `event.source`): 'sync.change' reports a queued change's outcome.
   */
  onEvent?(event: DriverEvent | null, json: string): void;
}

export interface CallOptions {
  /** Polled by the driver through pd_host.is_cancelled; an aborted call returns 'cancelled'. */
  signal?: AbortSignal;
  onProgress?(update: ProgressUpdate): void;
}

export declare class DriverLibrary {
  static load(file: string, options?: LoadOptions): DriverLibrary;
  readonly info: DriverInfo;
  has(member: DriverMember): boolean;
  /** Capabilities without an instance. */
  capabilities(): Promise<CallResult<Capabilities>>;
  /** Rejects with DriverCallError when the driver refuses the configuration. */
  createInstance(config: DriverConfig | string, handlers?: InstanceHandlers): Promise<DriverInstance>;
  /** True when the driver provides the interface ("pd.driver/1", "pd.account/1"). */
  hasInterface(id: string): boolean;
  /**
   * An account client ("pd.account/1"). Rejects with DriverCallError: 'unsupported' when the
   * driver has no account interface, 'invalid_argument' naming a bad option.
   */
  createAccountClient(options?: AccountOptions | string, handlers?: AccountHandlers): Promise<AccountClient>;
  /** "pd.provider/1": rejects with DriverCallError 'unsupported' when the driver has none. */
  createProvider(config: ProviderDriverConfig | string, handlers?: ProviderHandlers): Promise<Provider>;
  /** Unloads the library; throws while instances live or account clients are open. */
  close(): void;
}

export interface AccountHandlers {
  /** pd_host.log: never contains a token or password. */
  onLog?(level: LogLevel, message: string): void;
  /** pd_host.progress for every call of the client. */
  onProgress?(update: ProgressUpdate): void;
}

/**
 * plex.tv sign-in, servers and connection choice (pd_account), without a driver instance.
 * Every method is a koffi async call (waitPin holds a libuv pool thread until it returns).
 */
export declare class AccountClient {
  readonly library: DriverLibrary;
  readonly closed: boolean;
  /** A PIN sign-in: open `auth_url` for the user. */
  startPin(options?: CallOptions): Promise<CallResult<AccountPin>>;
  /** One poll: AccountPinStatus while waiting, AccountLogin once approved; 'not_found' when expired. */
  checkPin(pin: AccountPinRef | string, options?: CallOptions): Promise<CallResult<AccountPinStatus | AccountLogin>>;
  /** Until approved (AccountLogin), expired ('not_found') or options.signal aborts ('cancelled'). */
  waitPin(pin: AccountPinRef | string, options?: CallOptions): Promise<CallResult<AccountLogin>>;
  /** 'unauthorized' with detail 1029: ask for the two-factor code and call again with `code`. */
  signIn(credentials: AccountCredentials | string, options?: CallOptions): Promise<CallResult<AccountLogin>>;
  checkToken(token: string, options?: CallOptions): Promise<CallResult<AccountToken>>;
  servers(token: string, options?: CallOptions): Promise<CallResult<AccountServers>>;
  /** The document also when no address proved (then config is null and the status says why). */
  chooseConnection(request: AccountConnectionRequest | string, options?: CallOptions): Promise<CallResult<AccountConnection>>;
  /** Ends waits ('cancelled'), waits for calls in flight, frees. No callback afterwards. */
  close(): Promise<void>;
}

export interface ProviderHandlers {
  /** One line per refused request (a path outside the roots, an encoded separator, ...). */
  onLog?(level: LogLevel, message: string): void;
}

/** Request headers: an object like req.headers, [name, value] pairs, or Node's flat rawHeaders. */
export type ProviderRequestHeaders = Record<string, string | string[] | undefined> | Array<[string, string]> | string[];

/** One HTTP request below the host's mount point (pd_http_request). */
export interface ProviderRequest {
  /** Default 'GET'. */
  method?: string;
  /** Below the mount point, starting with "/", percent-encoded as received; may carry "?query". */
  path: string;
  /** The raw query without "?" (default: the one in `path`). */
  query?: string;
  headers?: ProviderRequestHeaders;
  body?: Uint8Array | string;
  /** The mount point's absolute URL ("http://192.168.1.5:7878/plex-provider"), for image links. */
  baseUrl?: string;
}

/** The provider's answer (pd_http_response), 4xx included. */
export interface ProviderResponse {
  status: number;
  /** Names as the driver wrote them; repeated names joined with ", ". */
  headers: Record<string, string>;
  headerList: Array<[string, string]>;
  /** A Node Buffer. */
  body: Uint8Array;
}

export interface ProviderHttpHandlerOptions {
  /** The path the provider is mounted at ('' = the server's root). */
  mountPath?: string;
  /** Larger request bodies are answered 413 (default 1 MiB). */
  maxBody?: number;
  /** A fixed mount URL instead of "http://" + Host + mountPath. */
  baseUrl?: string;
}

/** What the handler uses of Node's http.IncomingMessage (declared here: no @types/node needed). */
export interface ProviderIncomingMessage {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  rawHeaders: string[];
  on(event: string, listener: (...args: any[]) => void): unknown;
  resume(): unknown;
}
/** What the handler uses of Node's http.ServerResponse. */
export interface ProviderServerResponse {
  readonly headersSent: boolean;
  setHeader(name: string, value: string | number): unknown;
  writeHead(status: number, headers?: Record<string, string | number>): unknown;
  end(body?: any): unknown;
  destroy(): unknown;
}
export type ProviderHttpHandler = (req: ProviderIncomingMessage, res: ProviderServerResponse, next?: () => void) => void;

/**
 * A metadata provider (pd_provider) for a media server's custom metadata providers (Plex Media
 * Server 1.43+), answering from the files below the config's path_mappings. handle() and
 * check() are koffi async calls and may run concurrently.
 */
export declare class Provider {
  readonly library: DriverLibrary;
  readonly closed: boolean;
  /** Rejects with DriverCallError only when the driver wrote no answer (internal failure). */
  handle(request: ProviderRequest): Promise<ProviderResponse>;
  /** "provider_check"; 'not_found' for a path outside every manager root. */
  check(path: string, options?: CallOptions): Promise<CallResult<ProviderCheck>>;
  /** For http.createServer, or Express (with next: requests outside mountPath go on). */
  httpHandler(options?: ProviderHttpHandlerOptions): ProviderHttpHandler;
  /** Refuses new calls, waits for those in flight, frees. Idempotent. */
  close(): Promise<void>;
}

export declare class DriverInstance {
  readonly library: DriverLibrary;
  readonly destroyed: boolean;
  connect(options?: CallOptions): Promise<CallResult<null>>;
  capabilities(): Promise<CallResult<Capabilities>>;
  testConnection(options?: CallOptions): Promise<CallResult<TestConnectionReport>>;
  /** At most one sync per instance at a time: a second one gets 'busy'. */
  sync(request: SyncRequest | string, options?: CallOptions): Promise<CallResult<SyncResult>>;
  /** ABI 1.1 ('unsupported' from older drivers). */
  find(path: string, options?: CallOptions): Promise<CallResult<FindResult>>;
  /** ABI 1.2. */
  sessions(options?: CallOptions): Promise<CallResult<SessionsDocument>>;
  /** ABI 1.2: the raw request the host's HTTP server received from the media server. */
  handleWebhook(contentType: string, body: Uint8Array | string): Promise<CallResult<ServerEvent>>;
  /** Cancels, joins the driver's threads, frees. No callback of this instance runs afterwards. */
  destroy(): Promise<void>;
}

export declare function loadDriver(file: string, options?: LoadOptions): DriverLibrary;

export interface DiscoveredDriver {
  file: string;
  driver?: DriverLibrary;
  error?: DriverLoadError;
}
/** Tries every shared library in a host's plugins directory (e.g. /usr/lib/metarr/plugins). */
export declare function discoverDrivers(dir: string, options?: LoadOptions): DiscoveredDriver[];

export type DocumentName = 'config' | 'sync_request' | 'sync_result' | 'capabilities' | 'test_connection' | 'find_result' | 'sessions' | 'event' | 'session'
  | 'account_options' | 'account_pin' | 'account_pin_status' | 'account_login' | 'account_credentials' | 'account_token'
  | 'account_servers' | 'account_connection_request' | 'account_connection' | 'provider_config' | 'provider_check';

export interface Validators {
  /** The schema directory used. */
  readonly dir: string;
  readonly names: DocumentName[];
  schema(name: DocumentName): object;
  /** errors: "/json/pointer: what is wrong". */
  validate(name: DocumentName, document: unknown): { valid: boolean; errors: string[] };
}

/**
 * JSON Schema validators for the documents. dir: the schema directory (default:
 * $PLAYER_DRIVER_SCHEMA_DIR, else the repository's plugin_api/schemas/v1 when run from a
 * checkout, else the SDK's /usr/share/player-driver/schemas/v1 or /usr/local/share/...; the npm
 * package does not carry the schemas). Throws when none is found. closed: refuse keys the
 * schemas do not describe.
 */
export declare function createValidators(options?: { dir?: string; closed?: boolean }): Validators;

/** Callbacks that arrived after their instance was destroyed (the ABI promises none). */
export declare const counters: { readonly lateCallbacks: number };
