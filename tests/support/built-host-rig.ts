// For the resilience tests that run the real local host: Azurite, a rate-limited Bot Connector stand-in and
// the app built as Azure loads it, started before a file's tests and stopped (and the build removed) after.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startAzurite, type RunningAzurite } from './azurite';
import { ROOT, buildAppTo } from './bench-host';
import { startRateLimitedConnector, type RateLimitedConnector, type RateLimitedConnectorOptions } from './rate-limited-connector';

export interface BuiltHostRig {
  azurite: RunningAzurite;
  connector: RateLimitedConnector;
  /** Where the app was built (`spawnHost(outdir, env)`). */
  outdir: string;
}

export function useBuiltHostRig(name: string, connectorOptions: RateLimitedConnectorOptions): BuiltHostRig {
  const rig = { outdir: join(ROOT, '.local', `${name}-${process.pid}`) } as BuiltHostRig;
  beforeAll(async () => {
    rig.azurite = await startAzurite();
    rig.connector = await startRateLimitedConnector(connectorOptions);
    mkdirSync(rig.outdir, { recursive: true });
    buildAppTo(rig.outdir);
  });
  afterAll(async () => {
    await rig.connector?.stop();
    await rig.azurite?.stop();
    rmSync(rig.outdir, { recursive: true, force: true });
  });
  return rig;
}
