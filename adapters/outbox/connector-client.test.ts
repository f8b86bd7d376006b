import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectorClient, ConnectorError } from './connector-client';

// A real local HTTP server stands in for the Bot Connector: what matters is when the request leaves the process.
let server: Server;
let serviceUrl: string;
let sentSeen: boolean[];
let onSentCalls = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      // Hold the answer until the sender has been told its request left (or 2 s have passed).
      const began = Date.now();
      const answer = () => {
        if (onSentCalls === 0 && Date.now() - began < 2_000) return void setTimeout(answer, 5);
        sentSeen.push(onSentCalls > 0);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'act-1' }));
      };
      answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  sentSeen = [];
  onSentCalls = 0;
});

describe('the connector client tells the app budget when a call leaves', () => {
  it('reports a send when its request reaches the socket, before the connector answers, once', async () => {
    const client = new ConnectorClient({ token: async () => 'token' });
    const id = await client.send({ serviceUrl, conversationId: 'a:chat-sam' }, { type: 'message', text: 'hello' }, () => onSentCalls++);
    expect(id).toBe('act-1');
    expect(sentSeen).toEqual([true]);
    expect(onSentCalls).toBe(1);
  });

  it('reports each of many calls in flight at once, each for itself', async () => {
    const client = new ConnectorClient({ token: async () => undefined });
    const counts = [0, 0, 0, 0, 0];
    const left = (i: number) => () => {
      counts[i]!++;
      onSentCalls++;
    };
    await Promise.all(counts.map((_, i) => client.send({ serviceUrl, conversationId: `a:chat-${i}` }, { type: 'message', text: `m${i}` }, left(i))));
    expect(sentSeen).toEqual([true, true, true, true, true]);
    expect(counts).toEqual([1, 1, 1, 1, 1]);
  });

  it('never reports a call that could not connect: nothing reached Teams', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = new ConnectorClient({ token: async () => undefined, timeoutMs: 2_000 });
    let reported = 0;
    const failure = client.send({ serviceUrl: `http://127.0.0.1:${port}/`, conversationId: 'a:chat-sam' }, { type: 'message', text: 'x' }, () => reported++);
    await expect(failure).rejects.toBeInstanceOf(ConnectorError);
    await expect(failure).rejects.toMatchObject({ mayHaveArrived: false });
    expect(reported).toBe(0);
  });
});
