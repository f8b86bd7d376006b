// A TCP proxy in front of a server (Azurite's table endpoint) that can be cut and restored: to the app, a
// cut is storage going away (open connections reset, new ones reset as they arrive), with its data kept.
// It keeps listening through a cut: giving the port up and binding it again failed now and then in CI,
// because while nothing listens the kernel may hand that very port to an outgoing connection (a retry to
// the cut port can even connect to itself), and the second bind then meets EADDRINUSE.
import { createServer, connect, type Socket } from 'node:net';

export interface OutageProxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOutageProxy(targetPort: number): Promise<OutageProxy> {
  const sockets = new Set<Socket>();
  let cut = false;
  const server = createServer((client) => {
    if (cut) {
      client.on('error', () => undefined);
      client.resetAndDestroy();
      return;
    }
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
  const resetAll = () => {
    for (const socket of sockets) socket.resetAndDestroy();
    sockets.clear();
  };
  return {
    port,
    async cut() {
      cut = true;
      resetAll();
    },
    async restore() {
      cut = false;
    },
    async stop() {
      cut = true;
      resetAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
