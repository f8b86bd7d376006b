import { ManagedIdentityCredential } from '@azure/identity';
import { ConfigSchema } from '../config';
import { tablesConfigOf } from './storage-config';

describe('how the app reaches storage', () => {
  it('in Azure, uses the managed identity and the service URLs the Bicep sets, with no account key', () => {
    const config = ConfigSchema.parse({
      STORAGE_CONNECTION__tableServiceUri: 'https://gtstore.table.core.windows.net',
      STORAGE_CONNECTION__queueServiceUri: 'https://gtstore.queue.core.windows.net',
      STORAGE_CONNECTION__blobServiceUri: 'https://gtstore.blob.core.windows.net/',
      STORAGE_CONNECTION__credential: 'managedidentity',
      STORAGE_CONNECTION__clientId: '00000000-0000-4000-8000-000000000001',
      TABLE_PREFIX: 'prod',
    });
    const tables = tablesConfigOf(config);
    expect(tables.identity?.tableServiceUri).toBe('https://gtstore.table.core.windows.net');
    expect(tables.identity?.queueServiceUri).toBe('https://gtstore.queue.core.windows.net');
    expect(tables.identity?.blobServiceUri).toBe('https://gtstore.blob.core.windows.net/');
    expect(tables.identity?.credential).toBeInstanceOf(ManagedIdentityCredential);
    expect(tables.connectionString).toBe('');
    expect(tables.prefix).toBe('prod');
  });

  it('locally, uses the Azurite connection string', () => {
    const tables = tablesConfigOf(ConfigSchema.parse({}));
    expect(tables.identity).toBeUndefined();
    expect(tables.connectionString).toBe('UseDevelopmentStorage=true');
  });
});
