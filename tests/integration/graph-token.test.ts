// Graph tokens come from @azure/identity's ManagedIdentityCredential, which finds App Service's token
// endpoint itself (IDENTITY_ENDPOINT, IDENTITY_HEADER): here the Graph stand-in plays that endpoint.
// MSAL keeps one token cache per process, so each test signs in as an identity of its own.
import { createDirectory, createGraphClient, GraphDirectory, managedIdentityAuth } from '../../adapters/graph';
import { FakeGraph } from '../support/fake-graph';

const clientId = (n: number) => `5a0c2f9e-1b3d-4c7e-9f8a-6b5d4c3e2f${String(n).padStart(2, '0')}`;

describe('signing in to Graph as the app', () => {
  let graph: FakeGraph;
  beforeEach(async () => {
    graph = await new FakeGraph().start();
    graph.addUser({ id: 'u1', userPrincipalName: 'a@council.example.gov.uk', displayName: 'A' });
  });
  afterEach(async () => {
    jest.useRealTimers();
    await graph.stop();
  });

  const tokenRequests = () => graph.requests.filter((r) => !r.path.startsWith('/v1.0/'));
  const directoryAs = (id: string) => new GraphDirectory({ client: createGraphClient({ baseUrl: graph.baseUrl, authProvider: managedIdentityAuth(id) }) });

  it('uses the user-assigned managed identity with no secret, asking for a token once and reusing it until it nears expiry', async () => {
    // Only the clock is faked: MSAL decides a token's age by it; sockets and timers stay real.
    jest.useFakeTimers({ doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const directory = directoryAs(clientId(1));
    await directory.getByUpn('a@council.example.gov.uk');
    await Promise.all([1, 2, 3].map(() => directory.getByUpn('a@council.example.gov.uk')));
    expect(tokenRequests()).toHaveLength(1);
    expect(tokenRequests()[0]!.query.get('client_id')).toBe(clientId(1));
    expect(tokenRequests()[0]!.query.get('resource')).toBe('https://graph.microsoft.com');
    expect(graph.graphRequests().map((r) => r.authorization)).toEqual(Array(4).fill(`Bearer ${graph.token}`));

    graph.token = 'fake-graph-token-2';
    jest.setSystemTime(Date.now() + 56 * 60_000); // within five minutes of the hour's expiry
    await directory.getByUpn('a@council.example.gov.uk');
    expect(tokenRequests()).toHaveLength(2);
    expect(graph.graphRequests().at(-1)!.authorization).toBe('Bearer fake-graph-token-2');
  });

  it('asks again after a failed token request instead of remembering the failure', async () => {
    const directory = directoryAs(clientId(2));
    graph.failNext('/msi/token', { status: 400 });
    await expect(directory.getByUpn('a@council.example.gov.uk')).rejects.toThrow(/ManagedIdentityCredential/);
    expect(graph.graphRequests()).toHaveLength(0);
    await expect(directory.getByUpn('a@council.example.gov.uk')).resolves.toMatchObject({ id: 'u1' });
  });

  it('a token endpoint that does not answer costs a Graph call 2 seconds at most', async () => {
    graph.hangNext('/msi/token', { delayMs: 2_500 });
    const directory = directoryAs(clientId(3));
    const started = Date.now();
    await expect(directory.getByUpn('a@council.example.gov.uk')).rejects.toThrow(/did not answer within 2000 ms/);
    expect(Date.now() - started).toBeLessThan(2_400);
    // The late token still arrives (and is cached): the next call goes straight through.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await expect(directory.getByUpn('a@council.example.gov.uk')).resolves.toMatchObject({ id: 'u1' });
    expect(tokenRequests()).toHaveLength(1);
  });
});

describe('choosing how to sign in', () => {
  it('uses the managed identity when the platform provides one, and says what is missing when it does not', async () => {
    const graph = await new FakeGraph().start();
    try {
      graph.addUser({ id: 'u1', userPrincipalName: 'a@council.example.gov.uk', displayName: 'A' });
      const directory = createDirectory({ clientId: clientId(4), managedIdentity: true, graphBaseUrl: graph.baseUrl });
      await expect(directory.getByUpn('a@council.example.gov.uk')).resolves.toMatchObject({ id: 'u1' });
      expect(graph.requests[0]!.path).toBe('/msi/token');
      expect(graph.requests[0]!.query.get('client_id')).toBe(clientId(4));
      expect(() => createDirectory({ clientId: clientId(4), managedIdentity: false })).toThrow(/Graph needs the managed identity/);
    } finally {
      await graph.stop();
    }
  });
});
