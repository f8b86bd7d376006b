// Azurite (Table, Queue and Blob) as child processes, in memory, on free ports: for the bench, so storage has
// its own process (as in Azure, where it is another machine) rather than sharing the bench's event loop.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { openSync } from 'node:fs';
import { connect } from 'node:net';
import { DEV_ACCOUNT, DEV_KEY, type RunningAzurite } from './azurite';
import { freePort } from './bench-host';

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(() => resolve(true)));
    socket.on('error', () => resolve(false));
  });

/** `log`: a file that takes the three services' output (Azurite is --silent, so it holds only what went wrong). */
export async function spawnAzurite(o: { log?: string } = {}): Promise<RunningAzurite> {
  const stdio: StdioOptions = o.log ? ['ignore', openSync(o.log, 'a'), openSync(o.log, 'a')] : 'ignore';
  const [tablePort, queuePort, blobPort] = [await freePort(), await freePort(), await freePort()];
  const quiet = ['--inMemoryPersistence', '--silent', '--disableTelemetry', '--skipApiVersionCheck'];
  // Azurite keeps every table in its own heap: the whole bench (100,000 meetings for the scan, then the county's
  // 137,000 and its five years) passes Node's default 4 GiB limit, and the Table service died mid-bench (EPIPE).
  const heap = '--max-old-space-size=12288';
  const children: ChildProcess[] = [
    spawn(process.execPath, [heap, require.resolve('azurite/dist/src/table/main.js'), '--tableHost', '127.0.0.1', '--tablePort', String(tablePort), ...quiet], { stdio }),
    spawn(process.execPath, [require.resolve('azurite/dist/src/queue/main.js'), '--queueHost', '127.0.0.1', '--queuePort', String(queuePort), ...quiet], { stdio }),
    spawn(process.execPath, [require.resolve('azurite/dist/src/blob/main.js'), '--blobHost', '127.0.0.1', '--blobPort', String(blobPort), ...quiet], { stdio }),
  ];
  for (const until = Date.now() + 60_000; !((await portOpen(tablePort)) && (await portOpen(queuePort)) && (await portOpen(blobPort))); ) {
    if (Date.now() > until) {
      children.forEach((c) => c.kill('SIGTERM')); // never leave them running on a shared machine
      throw new Error('Azurite did not start within 60 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
      `TableEndpoint=http://127.0.0.1:${tablePort}/${DEV_ACCOUNT};QueueEndpoint=http://127.0.0.1:${queuePort}/${DEV_ACCOUNT};` +
      `BlobEndpoint=http://127.0.0.1:${blobPort}/${DEV_ACCOUNT};`,
    tablePort,
    queuePort,
    blobPort,
    async stop() {
      await Promise.all(children.map((c) => new Promise<void>((resolve) => {
        if (c.exitCode !== null || c.signalCode !== null) return resolve();
        c.once('exit', () => resolve());
        c.kill('SIGTERM');
      })));
    },
  };
}
