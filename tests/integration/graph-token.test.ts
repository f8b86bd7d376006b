import { clientSecretToken, createDirectory, createGraphClient, GraphDirectory, managedIdentityCredential, managedIdentityToken } from '../../adapters/graph';
import { FakeGraph } from '../support/fake-graph';

const CLIENT_ID = '5a0c2f9e-1b3d-4c7e-9f8a-6b5d4c3e2f1a';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('signing in to Graph as the app', () => {
  let graph: FakeGraph;
  let now: number;
  beforeEach(async () => {
    graph = await new FakeGraph().start();
    now = Date.now();
    graph.addUser({ id: 'u1', userPrincipalName: 'a@council.example.gov.uk', displayName: 'A' });
  });
  afterEach(() => graph.stop());

  const tokenRequests = () => graph.requests.filter((r) => !r.path.startsWith('/v1.0/'));

  it('uses the managed identity with no secret, asking for a token once and reusing it until it nears expiry', async () => {
    const tokens = managedIdentityToken({ endpoint: `${graph.baseUrl}/msi/token`, header: graph.identityHeader, clientId: CLIENT_ID, now: () => now });
    const directory = new GraphDirectory({ client: createGraphClient({ baseUrl: graph.baseUrl, tokens }) });
    await Promise.all([1, 2, 3].map(() => directory.getByUpn('a@council.example.gov.uk')));
    expect(tokenRequests()).toHaveLength(1);
    expect(tokenRequests()[0]!.query.get('client_id')).toBe(CLIENT_ID);

    graph.token = 'fake-graph-token-2';
    now += 56 * 60_000; // within five minutes of the hour's expiry
    await directory.getByUpn('a@council.example.gov.uk');
    expect(tokenRequests()).toHaveLength(2);
    expect(graph.graphRequests().at(-1)!.authorization).toBe('Bearer fake-graph-token-2');
  });

  it('uses client credentials where a managed identity is not available', async () => {
    const tokens = clientSecretToken({ tenantId: TENANT, clientId: CLIENT_ID, clientSecret: 'right-secret', authorityHost: graph.baseUrl });
    const directory = new GraphDirectory({ client: createGraphClient({ baseUrl: graph.baseUrl, tokens }) });
    await expect(directory.getByUpn('a@council.example.gov.uk')).resolves.toMatchObject({ id: 'u1' });
    expect(tokenRequests()[0]!.path).toBe(`/${TENANT}/oauth2/v2.0/token`);
  });

  it('fails with a message that says which sign-in went wrong when the secret is wrong', async () => {
    const tokens = clientSecretToken({ tenantId: TENANT, clientId: CLIENT_ID, clientSecret: 'old-secret', authorityHost: graph.baseUrl });
    const directory = new GraphDirectory({ client: createGraphClient({ baseUrl: graph.baseUrl, tokens }) });
    await expect(directory.getByUpn('a@council.example.gov.uk')).rejects.toThrow(/Client credentials token request failed with HTTP 401/);
    expect(graph.graphRequests()).toHaveLength(0);
  });

  it('asks again after a failed token request instead of remembering the failure', async () => {
    const tokens = managedIdentityToken({ endpoint: `${graph.baseUrl}/msi/token`, header: graph.identityHeader, clientId: CLIENT_ID });
    graph.failNext('/msi/token', { status: 500 });
    await expect(tokens.getToken()).rejects.toThrow(/HTTP 500/);
    await expect(tokens.getToken()).resolves.toBe(graph.token);
  });

  it('gives Azure SDK clients (Tables, Queues) a token from the same identity, one per resource', async () => {
    const credential = managedIdentityCredential({ endpoint: `${graph.baseUrl}/msi/token`, header: graph.identityHeader, clientId: CLIENT_ID });
    const tables = await credential.getToken('https://storage.azure.com/.default');
    expect(tables?.token).toBe('token-for-https://storage.azure.com');
    expect(tables!.expiresOnTimestamp).toBeGreaterThan(Date.now());
    await credential.getToken(['https://storage.azure.com/.default']);
    expect(tokenRequests().map((r) => r.query.get('resource'))).toEqual(['https://storage.azure.com']);
  });
});

describe('choosing how to sign in', () => {
  it('uses the managed identity when the platform provides one, and says what is missing when nothing is', async () => {
    const graph = await new FakeGraph().start();
    try {
      graph.addUser({ id: 'u1', userPrincipalName: 'a@council.example.gov.uk', displayName: 'A' });
      const directory = createDirectory({ clientId: CLIENT_ID, identityEndpoint: `${graph.baseUrl}/msi/token`, identityHeader: graph.identityHeader, clientSecret: 'right-secret', tenantId: TENANT, graphBaseUrl: graph.baseUrl });
      await expect(directory.getByUpn('a@council.example.gov.uk')).resolves.toMatchObject({ id: 'u1' });
      expect(graph.requests[0]!.path).toBe('/msi/token');
      expect(() => createDirectory({ clientId: CLIENT_ID })).toThrow(/managed identity .* or a tenant id and client secret/);
    } finally {
      await graph.stop();
    }
  });
});
