// The PlayerDriver JSON documents (schema_version 1) as TypeScript types. The JSON Schemas in
// plugin_api/schemas/v1/ are the reference; these types say the same thing, and the Node tests
// type-check every document the Plex driver wrote against the PMS emulator against them.
// Readers must ignore keys they do not know: drivers only ever add keys.

/** Names of the failing pd_status values (player_driver.h). */
export type StatusName =
  | 'invalid_argument' | 'invalid_config' | 'unauthorized' | 'forbidden' | 'unreachable' | 'dns'
  | 'timeout' | 'tls' | 'not_found' | 'protocol' | 'cancelled' | 'unsupported' | 'incompatible'
  | 'busy' | 'server' | 'buffer' | 'internal';

export type SkipActive = 'never' | 'any' | 'section' | 'item';
export type ChangeKind = 'added' | 'updated' | 'removed';

// ---- inputs ----------------------------------------------------------------------------------

/** Input of create(): one media server (config.schema.json). */
export interface DriverConfig {
  schema_version?: 1;
  name?: string;
  host: string;
  port?: number;
  use_https?: boolean;
  /** X-Plex-Token of an admin account: a secret. */
  plex_token: string;
  timeout_seconds?: number;
  client_identifier?: string;
  path_mappings?: PathMapping[];
  verify_tls?: boolean;
  ca_file?: string;
  max_folders_per_section?: number;
  debounce_seconds?: number;
  queued_timeout_seconds?: number;
  anchor_files?: string[];
  use_websocket?: boolean;
  poll_interval_ms?: number;
  skip_active?: SkipActive;
  paused_is_active?: boolean;
  stale_session_seconds?: number;
  webhook_max_bytes?: number;
  /** plex.tv's address (default https://plex.tv). */
  plex_tv_url?: string;
  /** Ping plex.tv at most once a day per token so a PIN token does not expire. */
  token_keepalive?: boolean;
  /** The plex.tv account token when plex_token is a server's access token: a secret. */
  plex_account_token?: string;
  /** After a verified removal, empty that library's trash (guarded by empty_trash_max_items). */
  empty_trash?: boolean;
  empty_trash_max_items?: number;
  /** How an updated image reaches the server: refresh the item, or upload (select, lock) it. */
  artwork_mode?: ArtworkMode;
  /** An updated NFO sets and locks its fields where they differ. */
  lock_fields?: boolean;
  /** Larger images are refused, naming the file (default 20 MB). */
  max_upload_bytes?: number;
  /**
   * Absolute path of a directory where the instance journals its queued changes (options.wait
   * false), so that after a restart they are resumed (their sync.change event says `resumed`)
   * and a 'queue.recovered' event follows create. Absent: the queue lives in memory only.
   */
  state_dir?: string;
  /**
   * Queued changes held back by playback (skip_active) are tried again until this long after
   * they were queued; then their sync.change event reports 'deferred'.
   */
  defer_limit_seconds?: number;
  /** A host may keep its own settings in the same object; the driver ignores them. */
  [hostSetting: string]: unknown;
}

export interface PathMapping {
  metarr_path: string;
  player_path: string;
}

/** Input of sync() (sync_request.schema.json). */
export interface SyncRequest {
  schema_version?: 1;
  changes: SyncChange[];
  options?: SyncOptions;
}

export interface SyncChange {
  /**
   * The host's id for this change (1..200 bytes of UTF-8), echoed in the sync_result change and
   * in the change's sync.change event. Queued changes without one get an id from the driver.
   */
  id?: string;
  /** Absolute path as the media manager sees it. */
  path: string;
  kind: ChangeKind;
  media_type?: 'movie' | 'show' | 'season' | 'episode';
  title?: string;
  /** 1..9999; 0 means unknown, the same as leaving it out. */
  year?: number;
}

export interface SyncOptions {
  wait?: boolean;
  timeout_seconds?: number;
  dry_run?: boolean;
  full_scan?: boolean;
  strategy?: 'auto' | 'scan' | 'refresh';
  force_refresh?: boolean;
  skip_active?: SkipActive;
  artwork_mode?: ArtworkMode;
  lock_fields?: boolean;
  /** Unlock the NFO-managed fields and the artwork instead (values stay). */
  unlock_fields?: boolean;
}

export type ArtworkMode = 'auto' | 'refresh' | 'push';

// ---- outputs ---------------------------------------------------------------------------------

/** capabilities() (capabilities.schema.json). */
export interface Capabilities {
  schema_version: 1;
  driver_id: string;
  driver_version: string;
  abi: { major: number; minor: number };
  operations: { connect: boolean; test_connection: boolean; sync: boolean; find?: boolean; [operation: string]: boolean | undefined };
  sync?: {
    partial_scan: boolean;
    wait_for_completion: boolean;
    change_kinds: ChangeKind[];
    completion_via?: Array<'websocket' | 'polling'>;
    options?: string[];
    queued_mode?: boolean;
    storage_safety_gate?: boolean;
    item_refresh?: boolean;
    verifies_items?: boolean;
    strategies?: Array<'auto' | 'scan' | 'refresh'>;
    playback_aware?: boolean;
    skip_active?: SkipActive[];
    artwork_modes?: ArtworkMode[];
    field_locks?: boolean;
  };
  /** Live events to pd_host.event (ABI 1.2). */
  events?: { host_callback: boolean; sources?: EventSource[]; types?: string[] };
  /** Interface ids get_interface answers ("pd.driver/1", "pd.account/1"). */
  interfaces?: string[];
  /** The account interface (plex.tv sign-in) and what it can do. */
  account?: { interface: string; [feature: string]: string | boolean };
  /** null without an instance. */
  server: ServerSummary | { error: { status: StatusName; message: string } } | null;
}

export interface ServerSummary {
  name: string;
  version: string;
  machine_identifier: string;
  partial_scan_supported: boolean;
}

/** test_connection() (test_connection.schema.json). */
export interface TestConnectionReport {
  schema_version: 1;
  ok: boolean;
  url: string;
  steps: Array<{ name: string; ok: boolean; elapsed_ms?: number }>;
  elapsed_ms?: number;
  server?: {
    name: string;
    machine_identifier: string;
    version: string;
    platform: string;
    claimed: boolean;
    plex_pass: boolean;
    partial_scan_supported: boolean;
  } | null;
  sections?: Array<{
    key: string; title: string; type: string; agent: string; locations: string[];
    local_artwork?: LocalArtwork; metadata_provider?: ProviderUse;
  }>;
  /** With the sections' metadata_provider: what the server knows of this driver's provider. */
  metadata_provider?: { supported: boolean; registered: Array<{ identifier: string; title: string; uri: string }> };
  mappings?: Array<{ metarr_path: string; player_path: string; sections: string[] }>;
  unmapped_locations?: string[];
  warnings?: string[];
  /** What the instance knows about its token from every call so far. */
  token?: { state: 'unknown' | 'accepted' | 'rejected'; rejected_request?: string; rejected_at?: number; accepted_at?: number };
  /** Present (non-null) when ok is false. */
  error?: { status: StatusName; code: number; http_status: number; message: string } | null;
}

/** Whether the server reads artwork placed next to the media in a library. */
export interface LocalArtwork {
  state: 'read' | 'ignored' | 'unknown' | 'not_applicable';
  agent: string;
  setting: string;
  advice: string;
}

/** Whether a library's agent gets its metadata from this driver's metadata provider (PMS 1.43+). */
export interface ProviderUse {
  state: 'used' | 'used_after_other' | 'not_registered' | 'other_agent' | 'server_too_old' | 'not_applicable';
  identifier: string;
  advice: string;
}

export type ChangeStatus = 'completed' | 'skipped' | 'queued' | 'deferred' | 'timed_out' | 'cancelled' | 'failed';

/** sync() (sync_result.schema.json). */
export interface SyncResult {
  schema_version: 1;
  /** The worst status of the changes. */
  status: ChangeStatus;
  dry_run: boolean;
  waited: boolean;
  cancelled: boolean;
  elapsed_ms: number;
  http_requests: number;
  skip_active: SkipActive;
  warnings: string[];
  changes: ChangeResult[];
  scans: ScanResult[];
  /** empty_trash: per library with a verified removal. */
  trash?: TrashResult[];
}

export interface TrashResult {
  section: string;
  section_title: string;
  /** Items in the trash when counted; -1 when it could not be counted. */
  items: number;
  emptied: boolean;
  message: string;
}

export interface ChangeResult {
  /**
   * The request's id for this change; for a queued change (options.wait false) without one, an
   * id the driver chose (starting with "q-"). A queued change always has one: its sync.change
   * event carries the same id.
   */
  id?: string;
  path: string;
  kind: ChangeKind;
  status: ChangeStatus;
  message: string;
  server_path: string;
  sections: Array<{ key: string; title: string }>;
  scanned: Array<{ section: string; path: string }>;
  item: ItemChange | null;
  advice: string[];
  /** Deferred changes: the playback that holds the change back. */
  blocked_by?: PlaybackSession;
  /** Images pushed to the server (artwork_mode push, or auto where the agent ignores local artwork). */
  artwork?: ArtworkPush[];
  /** lock_fields: the NFO the fields came from ('' when none was found). */
  nfo?: string;
  fields?: FieldChange[];
  elapsed_ms: number;
}

export interface ArtworkPush {
  file: string;
  element: 'thumb' | 'art' | 'banner';
  target: string;
  rating_key: string;
  action: 'uploaded' | 'unchanged' | 'provided' | 'failed' | 'timed_out' | 'cancelled' | 'skipped';
  sha256: string;
  bytes: number;
  url_before: string;
  url_after: string;
  message: string;
}

export interface FieldChange {
  name: string;
  /** Tags: comma-separated. */
  before: string;
  after: string;
  action: 'set' | 'locked' | 'unlocked' | 'provided';
  locked: boolean;
}

export interface ItemChange {
  rating_key: string;
  type: string;
  title: string;
  /** '' when a removed item was still present or could not be checked (the change failed). */
  action: 'confirmed' | 'refreshed' | 'removed' | 'trashed' | 'pushed' | 'edited' | 'unlocked' | '';
  updated_at_before: number;
  updated_at_after: number;
  thumb_before: string;
  thumb_after: string;
}

export interface ScanResult {
  section: string;
  section_title: string;
  /** '' for a whole-section scan. */
  path: string;
  full_section: boolean;
  status: ChangeStatus;
  message: string;
  /** '' when not seen to finish. */
  observed_via: 'websocket' | 'activities' | 'scanned_at' | '';
  elapsed_ms: number;
}

/** find() (find_result.schema.json, ABI 1.1). */
export interface FindResult {
  schema_version: 1;
  path: string;
  server_path: string;
  found: boolean;
  libraries: Array<{ key: string; title: string; location: string }>;
  items: Array<{
    section: string;
    rating_key: string;
    type: string;
    title: string;
    year: number;
    updated_at: number;
    thumb: string;
    in_trash: boolean;
    files: string[];
    /** Fields the server's agents will not change (title, summary, thumb, genre, ...); absent
     *  from drivers before artwork push. */
    locked_fields?: string[];
  }>;
  message: string;
}

/** One playback (session.schema.json). Keys the server did not give are absent. */
export interface PlaybackSession {
  session_key?: string;
  /** playing, paused, buffering, stopped as the server says it; '' for media.scrobble. */
  state: string;
  rating_key?: string;
  parent_rating_key?: string;
  grandparent_rating_key?: string;
  section_id?: string;
  type?: string;
  title?: string;
  user?: string;
  player?: string;
  player_id?: string;
  product?: string;
  view_offset_ms: number;
  duration_ms?: number;
  /** Only in the sessions document. */
  active?: boolean;
}

/** sessions() (sessions.schema.json, ABI 1.2). */
export interface SessionsDocument {
  schema_version: 1;
  server: EventServer;
  rules: { skip_active: SkipActive; paused_is_active: boolean; stale_session_seconds: number };
  sessions: Array<PlaybackSession & { active: boolean }>;
  active_count: number;
}

export interface EventServer {
  name: string;
  /** '' until the driver has learnt it. */
  machine_identifier: string;
}

/** Event types about the server (webhook.<event> keeps a Plex event the driver does not name). */
export type ServerEventType =
  | 'playback.started' | 'playback.paused' | 'playback.resumed' | 'playback.stopped' | 'playback.scrobbled'
  | 'scan.started' | 'scan.finished'
  | 'item.added' | 'item.updated' | 'item.deleted' | 'item.rated' | 'item.on_deck'
  | 'server.reachable' | 'server.unreachable' | 'server.database_backup' | 'server.database_corrupted'
  | 'device.new'
  | 'token.rejected' | 'token.accepted';

/** Event types about the instance's own queue of changes (options.wait false). */
export type QueueEventType = 'sync.change' | 'queue.recovered';

/**
 * The event types these declarations know. A newer driver may send others (hosts ignore what
 * they do not know), so a host's switch over `event.type` keeps a default branch.
 */
export type KnownEventType = ServerEventType | QueueEventType;

/**
 * What told the driver: the server's notification websocket, a webhook the host passed to
 * handle_webhook, the driver polling the session list, the answer to one of its requests
 * (token.rejected / token.accepted), or its own queue (sync.change, queue.recovered).
 */
export type EventSource = 'websocket' | 'webhook' | 'poll' | 'http' | 'queue';

interface EventBase {
  schema_version: 1;
  /** Unix seconds when the driver saw it. */
  time: number;
  server: EventServer;
}

/** Keys of the other kinds of event: absent, so a host may read them before narrowing. */
type Absent<K extends string> = { [P in K]?: undefined };
type ServerEventKeys = 'section' | 'session' | 'item' | 'reason' | 'webhook';
type SyncChangeKeys = 'change' | 'scans' | 'queued_at' | 'attempts' | 'resumed';

/** Something that happened on the server (event.schema.json). */
export interface ServerEvent extends EventBase, Absent<SyncChangeKeys | 'queue'> {
  type: ServerEventType | `webhook.${string}`;
  /** "http": the answer to one of the driver's requests (token.rejected / token.accepted). */
  source: Exclude<EventSource, 'queue'>;
  /** scan.* and item.* events. */
  section?: { id: string; title?: string };
  /** playback.* events. */
  session?: PlaybackSession;
  /** item.* events and webhooks about an item. */
  item?: { rating_key: string; section_id?: string; type?: string; title?: string; updated_at?: number };
  /** server.unreachable: why; token.rejected / token.accepted: which request told. */
  reason?: string;
  /** Events that came from a webhook. */
  webhook?: {
    event: string;
    user: boolean;
    owner: boolean;
    account_id?: string;
    account?: string;
    server_title?: string;
    player?: { title: string; id: string; local: boolean; public_address?: string };
    thumb?: { content_type: string; bytes: number };
  };
}

/** The statuses a queued change ends with (never 'queued' or 'skipped'). */
export type FinalChangeStatus = 'completed' | 'failed' | 'timed_out' | 'deferred' | 'cancelled';

/** A queued change's outcome: a sync_result change, always with its id, in a final status. */
export interface QueuedChangeResult extends ChangeResult {
  id: string;
  status: FinalChangeStatus;
}

/**
 * The outcome of one queued change (options.wait false), once it is final. Exactly one per
 * queued change id; with a durable state_dir at least once: the same id again only when the
 * process died between the host receiving the event and the driver recording it, so a host
 * treats a repeated id as done already.
 */
export interface SyncChangeEvent extends EventBase, Absent<ServerEventKeys | 'queue'> {
  type: 'sync.change';
  source: 'queue';
  change: QueuedChangeResult;
  /** The scans that covered this change (as in sync_result.scans). */
  scans: ScanResult[];
  /** Unix seconds when the driver accepted the change. */
  queued_at: number;
  /** How many times it ran: more than 1 after a playback deferral or a resume. */
  attempts: number;
  /** Read back from the state_dir journal after a restart. */
  resumed: boolean;
}

/** Once after create, when the state_dir journal held unfinished changes or a damaged tail. */
export interface QueueRecoveredEvent extends EventBase, Absent<ServerEventKeys | SyncChangeKeys> {
  type: 'queue.recovered';
  source: 'queue';
  queue: {
    /** Unfinished changes queued again (each ends with its own sync.change event). */
    resumed: number;
    /** The journal's tail could not be read (e.g. cut short by a crash). */
    damaged: boolean;
    message?: string;
  };
}

/**
 * pd_host.event and handle_webhook() (event.schema.json, ABI 1.2): narrow on `type` or `source`.
 * handle_webhook() only ever returns a ServerEvent.
 */
export type DriverEvent = ServerEvent | SyncChangeEvent | QueueRecoveredEvent;

// ---- the account interface ("pd.account/1") ---------------------------------------------------
// Tokens appear only in AccountLogin.token and AccountConnection.config: secrets.

/** Input of createAccountClient() (account_options.schema.json); omit for the defaults. */
export interface AccountOptions {
  schema_version?: 1;
  /** plex.tv's address (default https://plex.tv). */
  plex_tv_url?: string;
  /** The page the user approves a PIN on (default https://app.plex.tv/auth). */
  auth_app_url?: string;
  /** X-Plex-Client-Identifier; PINs and tokens belong to it: keep the one results report. */
  client_identifier?: string;
  /** X-Plex-Product, shown to the user when approving (default "plexdriver"). */
  product?: string;
  device_name?: string;
  timeout_seconds?: number;
  probe_timeout_seconds?: number;
  /** How often waitPin asks plex.tv (default 1000). */
  pin_poll_ms?: number;
  verify_tls?: boolean;
  ca_file?: string;
  [hostSetting: string]: unknown;
}

/** startPin() (account_pin.schema.json); checkPin()/waitPin() take it back. */
export interface AccountPin {
  schema_version: 1;
  id: number;
  code: string;
  /** The page the user opens to approve the sign-in. */
  auth_url: string;
  expires_in: number;
  /** Unix seconds; 0 when plex.tv gave no lifetime. */
  expires_at: number;
  client_identifier: string;
}

/** What checkPin()/waitPin() need of a PIN: its id; expires_at (else expires_in) bounds waitPin. */
export interface AccountPinRef {
  id: number | string;
  expires_at?: number;
  expires_in?: number;
}

/** checkPin() while the PIN waits (account_pin_status.schema.json). */
export interface AccountPinStatus {
  schema_version: 1;
  id: number;
  approved: false;
  expires_in: number;
}

/** The signed-in account (account_login.schema.json#/$defs/user). */
export interface AccountUser {
  id: number;
  uuid: string;
  username: string;
  title: string;
  email: string;
  plex_pass: boolean;
  two_factor_enabled: boolean;
}

/** checkPin()/waitPin() once approved, and signIn() (account_login.schema.json). */
export interface AccountLogin {
  schema_version: 1;
  approved: true;
  method: 'pin' | 'password' | 'password_legacy';
  /** The account token: a secret. */
  token: string;
  client_identifier: string;
  user: AccountUser;
}

/** Input of signIn() (account_credentials.schema.json). */
export interface AccountCredentials {
  schema_version?: 1;
  login: string;
  /** Used for one request, never stored. */
  password: string;
  /** Two-factor code (digits), when plex.tv asked for one (detail 1029). */
  code?: string;
  method?: 'v2' | 'legacy';
}

/** checkToken() (account_token.schema.json). */
export interface AccountToken {
  schema_version: 1;
  valid: boolean;
  user: AccountUser | null;
  /** Why the token is not valid; '' when it is. */
  message: string;
}

export type ConnectionKind = 'local' | 'remote' | 'relay';

export interface AccountServerConnection {
  uri: string;
  kind: ConnectionKind;
  protocol: 'http' | 'https';
  address: string;
  port: number;
  ipv6: boolean;
}

/** One server of the account (account_servers.schema.json#/$defs/server). */
export interface AccountServer {
  name: string;
  machine_identifier: string;
  product: string;
  version: string;
  platform: string;
  owned: boolean;
  /** The owner's name when shared; '' when owned. */
  owner: string;
  online: boolean;
  https_required: boolean;
  /** Listed by servers(); absent in AccountConnection.server. */
  connections?: AccountServerConnection[];
}

/** servers() (account_servers.schema.json): no tokens. */
export interface AccountServers {
  schema_version: 1;
  servers: Array<AccountServer & { connections: AccountServerConnection[] }>;
}

/** Input of chooseConnection() (account_connection_request.schema.json). */
export interface AccountConnectionRequest {
  schema_version?: 1;
  /** The account token (AccountLogin.token). */
  token: string;
  /** Machine identifier or name; default: the only server, else the first owned and online. */
  server?: string;
  /** The config's name (default: the server's). */
  name?: string;
  allow_relay?: boolean;
}

export interface ConnectionCandidate {
  uri: string;
  kind: ConnectionKind;
  https: boolean;
  result: 'chosen' | 'rejected' | 'skipped' | 'not_needed';
  status: 'ok' | 'skipped' | StatusName;
  /** Why it was not chosen; '' for the chosen one. */
  reason: string;
  elapsed_ms: number;
}

/** chooseConnection() (account_connection.schema.json). */
export interface AccountConnection {
  schema_version: 1;
  server: AccountServer;
  chosen: { uri: string; kind: ConnectionKind; https: boolean; version: string; elapsed_ms: number } | null;
  /** Every address, in the order of preference. */
  candidates: ConnectionCandidate[];
  /** A ready createInstance() configuration (carries the server's token); null when none proved. */
  config: DriverConfig | null;
  other_servers: string[];
  error: { status: StatusName; message: string } | null;
}

// ---- the metadata provider ("pd.provider/1") -------------------------------------------------

/** The optional "provider" object of a provider's configuration ("provider_config"). */
export interface ProviderOptions {
  /** Part of the provider identifiers (tv.plex.agents.custom.<name>.movies); default "plexdriver". */
  name?: string;
  title?: string;
  /** The mount point's absolute URL when requests carry no usable Host (behind a proxy). */
  public_url?: string;
  /**
   * Whether answers link the manager's images: "auto" (default) only at a public public_url, as
   * Plex fetches them through images.plex.tv; without links the sync uploads and locks them.
   */
  image_links?: 'auto' | 'always' | 'never';
}

/** Input of createProvider(): the instance config (its path_mappings) plus "provider". */
export interface ProviderDriverConfig extends Partial<DriverConfig> {
  path_mappings: PathMapping[];
  provider?: ProviderOptions;
}

export type ProviderItemKind = 'movie' | 'show' | 'season' | 'episode';
export type ProviderArtworkRole = 'poster' | 'fanart' | 'banner' | 'clearlogo' | 'season_poster' | 'thumb' | 'actor';

export interface ProviderArtwork {
  role: ProviderArtworkRole | string;
  file: string;
  /** season_poster and an episode's thumb: the season (0: specials). */
  season?: number;
  /** actor: the name the file gives. */
  actor?: string;
  bytes: number;
  /** When served (then no problem). */
  url?: string;
  content_type?: 'image/jpeg' | 'image/png';
  /** When not served: why. */
  problem?: string;
}

/** Plex's tag lists: [{tag: "Crime"}]. */
export interface ProviderTag {
  tag: string;
  [key: string]: unknown;
}

/** The Metadata object served to the media server (Plex's field names). */
export interface ProviderMetadata {
  ratingKey?: string;
  key?: string;
  guid?: string;
  type?: string;
  title?: string;
  summary?: string;
  year?: number;
  thumb?: string;
  art?: string;
  Genre?: ProviderTag[];
  Collection?: ProviderTag[];
  Role?: Array<ProviderTag & { role?: string; thumb?: string }>;
  Guid?: Array<{ id: string }>;
  Image?: Array<{ type: string; url: string }>;
  [key: string]: unknown;
}

/** Output of Provider.check() ("provider_check"). */
export interface ProviderCheck {
  schema_version: 1;
  path: string;
  kind: ProviderItemKind;
  /** The provider root serving it ("/movies", "/shows"). */
  root: string;
  identifier?: string;
  rating_key?: string;
  guid?: string;
  nfo: { path?: string; status: 'read' | 'refused' | 'missing'; message?: string };
  metadata?: ProviderMetadata;
  artwork: ProviderArtwork[];
  problems: string[];
}
