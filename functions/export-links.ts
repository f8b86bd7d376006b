// Where the signed download links point and which keys sign them, from the app's settings
// (adapters/links/signed-links.ts signs and checks them).
import { createHmac } from 'node:crypto';
import type { Config } from './config';

/** Where the export links point: the app in Azure, the local host otherwise. */
export const exportBaseUrl = (config: Pick<Config, 'WEBSITE_HOSTNAME' | 'LOCAL_HOST_PORT'>): string =>
  config.WEBSITE_HOSTNAME ? `https://${config.WEBSITE_HOSTNAME}` : `http://127.0.0.1:${config.LOCAL_HOST_PORT}`;

/** A forum meeting's printable "You said, we did" (digest-export.http.ts). */
export const forumPrintPath = (forumId: string, originalDate: string): string => `/api/digests/export/forum/${encodeURIComponent(`${forumId}:${originalDate}`)}`;

/** The link keys from the settings; in Azure the Key Vault secret is required (anything derived could be guessed). */
export function linkSecrets(config: Pick<Partial<Config>, 'EXPORT_LINK_SECRET' | 'EXPORT_LINK_SECRET_PREVIOUS' | 'WEBSITE_HOSTNAME' | 'MicrosoftAppPassword'> & Pick<Config, 'STORAGE_CONNECTION'>): { current: string; previous?: string } {
  // A Key Vault reference the platform could not resolve arrives as its own text: never a key.
  const usable = (v: string | undefined) => (v && !v.startsWith('@Microsoft.KeyVault(') ? v : undefined);
  const current = usable(config.EXPORT_LINK_SECRET);
  if (!current && config.WEBSITE_HOSTNAME) throw new Error('EXPORT_LINK_SECRET must be set in Azure (a Key Vault reference the app can read): it signs the report download links');
  return {
    current: current ?? createHmac('sha256', 'golden-thread-export-links').update(config.MicrosoftAppPassword ?? config.STORAGE_CONNECTION).digest('hex'),
    previous: usable(config.EXPORT_LINK_SECRET_PREVIOUS),
  };
}
