import { ManagedIdentityCredential } from '@azure/identity';
import type { TablesConfig } from '../../adapters/tables/client';
import type { Config } from '../config';

let credential: ManagedIdentityCredential | undefined;

/**
 * How every adapter reaches storage, the one place it is decided: in Azure, identity-based access
 * (the STORAGE_CONNECTION__* settings the Bicep sets; no account key anywhere); locally, a connection
 * string to Azurite.
 */
export function tablesConfigOf(config: Config): TablesConfig {
  const tableServiceUri = config.STORAGE_CONNECTION__tableServiceUri;
  const queueServiceUri = config.STORAGE_CONNECTION__queueServiceUri;
  if (tableServiceUri && queueServiceUri) {
    const clientId = config.STORAGE_CONNECTION__clientId;
    credential ??= clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
    const blobServiceUri = config.STORAGE_CONNECTION__blobServiceUri;
    return { connectionString: '', prefix: config.TABLE_PREFIX, identity: { tableServiceUri, queueServiceUri, ...(blobServiceUri ? { blobServiceUri } : {}), credential } };
  }
  return { connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX };
}
