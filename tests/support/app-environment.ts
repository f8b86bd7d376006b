// Tests that change the app settings between requests to the real functions: set them, and forget the
// configuration, services and bot built from the previous ones.
import { resetConfigCache } from '../../functions/config';
import { resetMessagesBot } from '../../functions/messages.http';
import { resetServices } from '../../functions/wiring/services';
import { uniquePrefix } from './azurite';

const saved = { ...process.env };

const forgetBuilt = (): void => {
  resetConfigCache();
  resetServices();
  resetMessagesBot();
};

/** The test process's settings, this storage (a fresh table prefix), then `env` (undefined removes a setting). */
export function useAppEnvironment(connectionString: string, env: Record<string, string | undefined>): void {
  process.env = { ...saved, STORAGE_CONNECTION: connectionString, TABLE_PREFIX: uniquePrefix(), ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  forgetBuilt();
}

/** Back to the settings the test process started with. */
export function restoreAppEnvironment(): void {
  process.env = saved;
  forgetBuilt();
}
