// A TCP proxy in front of a server (Azurite's table endpoint) that can be cut and restored on the same
// port: to the app, a cut is storage going away (connections refused, open ones reset), with its data kept.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface OutageProxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOutageProxy(targetPort: number): Promise<OutageProxy> {
  const sockets = new Set<Socket>();
  const make = (): Server =>
    createServer((client) => {
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
  const listen = (server: Server, port: number) => new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  let server: Server | undefined = make();
  const port = await listen(server, 0);
  const close = async () => {
    const s = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  return {
    port,
    cut: close,
    async restore() {
      if (server) return;
      server = make();
      await listen(server, port);
    },
    stop: close,
  };
}
