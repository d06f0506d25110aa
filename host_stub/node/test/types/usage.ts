// Compile-only: a Metarr-like host written in TypeScript against index.d.ts. types.test.js runs
// tsc --strict on it; nothing here runs.
import {
  loadDriver, discoverDrivers, createValidators, DriverCallError, DriverLoadError, Status, ACCOUNT_INTERFACE_ID,
  type AccountConnection, type AccountLogin, type CallResult, type DriverConfig, type DriverEvent, type SyncRequest,
  type SyncResult, type SyncChangeEvent, type FinalChangeStatus, type ServerEvent,
  PROVIDER_INTERFACE_ID, type Provider, type ProviderCheck, type ProviderHttpHandler, type ProviderResponse,
} from '../..';

export async function syncOnePath(driverFile: string, token: string, path: string): Promise<SyncResult | null> {
  let driver;
  try {
    driver = loadDriver(driverFile);
  } catch (e) {
    if (e instanceof DriverLoadError && e.kind === 'incompatible_abi') return null;
    throw e;
  }
  const events: DriverEvent[] = [];
  const instance = await driver.createInstance(
    { host: '192.168.1.20', plex_token: token, path_mappings: [{ metarr_path: '/mnt/media', player_path: '/data' }] },
    {
      onLog: (level, message) => console.log(`[${level}] ${message}`),
      onEvent: (event) => {
        if (event && event.type.startsWith('playback.') && event.session) events.push(event);
      },
    });
  try {
    const controller = new AbortController();
    const request: SyncRequest = { changes: [{ path, kind: 'updated' }], options: { strategy: 'auto', skip_active: 'item' } };
    const result: CallResult<SyncResult> = await instance.sync(request, {
      signal: controller.signal,
      onProgress: ({ fraction, message }) => console.log(fraction < 0 ? message : `${Math.round(fraction * 100)}% ${message}`),
    });
    if (result.status === Status.BUSY) return null;
    const doc = result.document;
    if (doc) {
      for (const change of doc.changes) {
        if (change.status === 'deferred' && change.blocked_by) console.log(change.blocked_by.user ?? 'someone', 'is watching');
        if (change.item?.action === 'refreshed') console.log(change.item.thumb_after);
      }
    }
    const found = await instance.find(path);
    if (found.document?.found) console.log(found.document.items[0].rating_key);
    const sessions = await instance.sessions();
    console.log(sessions.document?.active_count ?? 0);
    return doc;
  } catch (e) {
    if (e instanceof DriverCallError) console.log(e.statusName, e.message);
    return null;
  } finally {
    await instance.destroy();
    driver.close();
  }
}

export function plugins(dir: string): string[] {
  const validators = createValidators({ closed: false });
  const check = validators.validate('config', { host: 'x', plex_token: 'y' });
  if (!check.valid) console.log(check.errors.join('\n'));
  return discoverDrivers(dir).flatMap((d) => (d.driver ? [`${d.driver.info.id} ${d.driver.info.version}`] : []));
}

// Metarr's "Sign in with Plex": PIN, servers, a proven connection, then an instance.
export async function signInWithPin(driverFile: string, show: (url: string) => void, signal: AbortSignal): Promise<DriverConfig | null> {
  const driver = loadDriver(driverFile);
  if (!driver.hasInterface(ACCOUNT_INTERFACE_ID) || !driver.info.account?.operations.wait_pin) return null;
  const account = await driver.createAccountClient({ product: 'Metarr', client_identifier: 'metarr-1' }, {
    onLog: (level, message) => console.log(level, message),
  });
  try {
    const pin = await account.startPin();
    if (!pin.document) return null;
    show(pin.document.auth_url);
    const once = await account.checkPin({ id: pin.document.id });
    if (once.document && !once.document.approved) console.log(`${once.document.expires_in} s left`);
    const login: CallResult<AccountLogin> = await account.waitPin(pin.document, {
      signal,
      onProgress: ({ fraction, message }) => console.log(Math.round(fraction * 100), message),
    });
    if (login.statusName === 'not_found' || login.statusName === 'cancelled' || !login.document) return null;
    const token = login.document.token;
    console.log(login.document.user.username, (await account.checkToken(token)).document?.valid);
    const servers = await account.servers(token);
    const first = servers.document?.servers[0];
    if (!first) return null;
    console.log(first.connections.map((c) => `${c.kind} ${c.uri}`).join(', '));
    const choice: CallResult<AccountConnection> = await account.chooseConnection({ token, server: first.machine_identifier, name: 'Plex' });
    for (const c of choice.document?.candidates ?? []) if (c.result === 'rejected') console.log(c.uri, c.status, c.reason);
    const config = choice.document?.config ?? null;
    if (config) {
      const instance = await driver.createInstance(config);
      console.log((await instance.testConnection()).ok);
      await instance.destroy();
    }
    const twoFactor = await account.signIn({ login: 'me@example.com', password: 'secret' });
    if (twoFactor.statusName === 'unauthorized' && twoFactor.detail === 1029) await account.signIn({ login: 'me@example.com', password: 'secret', code: '123456' });
    return config;
  } finally {
    await account.close();
    driver.close();
  }
}

// Queued changes (wait: false) with the host's ids, their outcomes as sync.change events, and a
// durable queue (state_dir) that resumes after a restart.
export async function queueWithOutcomes(driverFile: string, config: DriverConfig, paths: string[]): Promise<Map<string, FinalChangeStatus>> {
  const driver = loadDriver(driverFile);
  const outcomes = new Map<string, FinalChangeStatus>();
  const seen: SyncChangeEvent[] = [];
  const instance = await driver.createInstance({ ...config, state_dir: '/var/lib/metarr/plex-queue', defer_limit_seconds: 3600 }, {
    onEvent: (event) => {
      if (!event) return;
      // Keys of other event kinds read as undefined before narrowing.
      if (event.session?.user) console.log(event.session.user, 'is watching');
      if (event.type === 'sync.change') {
        const { id, status, path } = event.change;
        if (outcomes.has(id)) return;                   // a repeat after a crash: already handled
        outcomes.set(id, status);
        seen.push(event);
        if (event.resumed || event.attempts > 1) console.log(`${path}: ${status} after ${event.attempts} attempts, queued at ${event.queued_at}`);
        for (const scan of event.scans) console.log(scan.section_title, scan.status, scan.observed_via);
        if (event.change.status === 'deferred' && event.change.blocked_by) console.log('held back by', event.change.blocked_by.user);
      } else if (event.type === 'queue.recovered') {
        console.log(`${event.queue.resumed} changes resumed${event.queue.damaged ? `, journal damaged: ${event.queue.message ?? ''}` : ''}`);
      } else if (event.type.startsWith('scan.')) {
        console.log(event.section?.id, event.source);
      }
    },
  });
  try {
    const request: SyncRequest = {
      changes: paths.map((path, i) => ({ id: `metarr-job-${i}`, path, kind: 'updated' })),
      options: { wait: false },
    };
    const queued = await instance.sync(request);
    for (const change of queued.document?.changes ?? []) {
      // Queued: the host's id echoed, or one the driver chose ("q-...").
      if (change.status === 'queued' && change.id !== undefined) console.log(change.id, change.path);
    }
    const webhook = await instance.handleWebhook('application/json', '{}');
    if (webhook.document && webhook.document.source === 'webhook') console.log(webhook.document.webhook?.event);
    return outcomes;
  } finally {
    await instance.destroy();
    driver.close();
  }
}

// The documents as the contract gives them: a final sync.change and a queue.recovered event.
export const sampleOutcome: DriverEvent = {
  schema_version: 1, type: 'sync.change', source: 'queue', time: 1767225600,
  server: { name: 'Living room', machine_identifier: 'abc123' },
  change: {
    id: 'q-1', path: '/mnt/media/movies/Heat (1995)', kind: 'updated', status: 'completed', message: '',
    server_path: '/data/movies/Heat (1995)', sections: [{ key: '1', title: 'Movies' }],
    scanned: [{ section: '1', path: '/data/movies/Heat (1995)' }], item: null, advice: [], elapsed_ms: 183,
  },
  scans: [{ section: '1', section_title: 'Movies', path: '/data/movies/Heat (1995)', full_section: false, status: 'completed', message: '', observed_via: 'websocket', elapsed_ms: 181 }],
  queued_at: 1767225590, attempts: 1, resumed: false,
};
export const sampleRecovered: DriverEvent = {
  schema_version: 1, type: 'queue.recovered', source: 'queue', time: 1767225600,
  server: { name: 'Living room', machine_identifier: '' }, queue: { resumed: 2, damaged: false },
};
// @ts-expect-error a queued change's outcome is final: never 'queued'
export const notFinal: SyncChangeEvent['change']['status'] = 'queued';
// @ts-expect-error server events never come from the queue
export const notServer: ServerEvent['source'] = 'queue';
// @ts-expect-error sync.change is a queue event, not a server event
export const notServerType: ServerEvent['type'] = 'sync.change';

// The metadata provider: served through Node's http server, checked from a host.
export async function serveProvider(driverFile: string): Promise<ProviderCheck['kind'] | null> {
  const driver = loadDriver(driverFile);
  if (!driver.hasInterface(PROVIDER_INTERFACE_ID)) return null;
  const provider: Provider = await driver.createProvider({
    path_mappings: [{ metarr_path: '/srv/media/movies', player_path: '/data/movies' }],
    provider: { name: 'plexdriver', public_url: 'http://nas.local:7878/plex-provider' },
  }, { onLog: (level, message) => console.log(level, message) });
  const handler: ProviderHttpHandler = provider.httpHandler({ mountPath: '/plex-provider' });
  void handler;
  const answer: ProviderResponse = await provider.handle({ method: 'GET', path: '/movies', headers: { host: 'nas.local' } });
  const body: Uint8Array = answer.body;
  console.log(answer.status, answer.headers['Content-Type'], body.length);
  const check = await provider.check('/srv/media/movies/Heat (1995)');
  const kind = check.document ? check.document.kind : null;
  for (const a of check.document?.artwork ?? []) console.log(a.role, a.bytes, a.problem ?? '');
  await provider.close();
  driver.close();
  return kind;
}
