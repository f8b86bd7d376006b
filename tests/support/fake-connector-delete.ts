// The fake Bot Connector, plus DELETE /v3/conversations/{id}/activities/{activityId} (the admin's "delete a
// post"): a small front server answers DELETE itself and passes every other call through unchanged.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeConnector, type FakeConnector } from './fake-connector';

export interface DeletedActivity {
  conversationId: string;
  activityId: string;
  authorization?: string;
}

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

export async function startFakeConnectorWithDelete(): Promise<FakeConnector & { deleted: DeletedActivity[] }> {
  const inner = await startFakeConnector();
  const deleted: DeletedActivity[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const body = await readBody(req);
    if (req.method === 'DELETE' && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'activities' && parts[4]) {
      deleted.push({ conversationId: parts[2]!, activityId: parts[4], authorization: req.headers.authorization });
      res.writeHead(200).end();
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && k !== 'host' && k !== 'content-length')) as Record<string, string>;
    const answer = await fetch(new URL(url.pathname + url.search, inner.serviceUrl), { method: req.method, headers, body: body.length ? new Uint8Array(body) : undefined });
    const out: Record<string, string> = {};
    answer.headers.forEach((v, k) => (out[k] = v));
    res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    ...inner,
    serviceUrl: `http://127.0.0.1:${port}/`,
    deleted,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await inner.stop();
    },
  };
}
