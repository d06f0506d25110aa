// Compile-only: a Metarr-like host written in TypeScript against index.d.ts. types.test.js runs
// tsc --strict on it; nothing here runs.
import {
  loadDriver, discoverDrivers, createValidators, DriverCallError, DriverLoadError, Status,
  type CallResult, type DriverEvent, type SyncRequest, type SyncResult,
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
