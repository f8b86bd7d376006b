// A pass-through HTTP proxy in front of Azurite's Table endpoint that counts the requests the app sends and
// its sequential round trips (a request that starts while another is in flight shares its round trip).
// For the bench's card submit, where the app runs in another process and cannot be handed a counter.
// Each request is held HOLD_MS before it is passed on, as a storage account's round trip of 5-15 ms would
// hold it: requests the app sends together then overlap here however busy the machine is, and only requests
// the app waits for one after another count as separate round trips.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  /** The connection string with its TableEndpoint through the proxy. */
  connectionString: string;
  counts(): { requests: number; rounds: number };
  reset(): void;
  stop(): Promise<void>;
}

const HOLD_MS = 10;

export async function startCountingProxy(connectionString: string): Promise<CountingProxy> {
  const endpoint = /TableEndpoint=(http:\/\/[^;]+)/.exec(connectionString)?.[1];
  if (!endpoint) throw new Error('the connection string has no http TableEndpoint');
  const target = new URL(endpoint);
  let requests = 0;
  let rounds = 0;
  let inFlight = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    if (inFlight++ === 0) rounds++;
    let done = false;
    const finish = () => {
      if (!done) inFlight--;
      done = true;
    };
    const forward = () => {
      const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.on('end', finish);
      });
      upstream.on('error', (err) => {
        finish();
        res.writeHead(502).end(String(err));
      });
      req.pipe(upstream);
    };
    res.on('close', finish);
    setTimeout(forward, HOLD_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const proxied = new URL(endpoint);
  proxied.port = String(port);
  return {
    connectionString: connectionString.replace(endpoint, proxied.toString().replace(/\/$/, '')),
    counts: () => ({ requests, rounds }),
    reset() {
      requests = 0;
      rounds = 0;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
