import type { OutboxSender } from '../adapters/outbox';

export interface ShutdownOptions {
  /** The process to listen on (tests pass an EventEmitter). */
  on?: Pick<NodeJS.Process, 'prependOnceListener' | 'listenerCount'>;
  /** Called once the sender is idle, when no one else handles the signal (Node's default exit is lost with a listener). */
  exit?: (code: number) => void;
  /** The longest the sender may take to finish what it has in flight; Azure allows about 30 s after SIGTERM. */
  graceMs?: number;
  log?: (message: string) => void;
}

let installed = false;

/**
 * On SIGTERM (Azure sends it on scale-in and on deploy) the outbox sender stops claiming and finishes what
 * it has in flight, recording each as sent or due again, before the process ends: a message the connector
 * accepted is recorded sent, not left to its lease and sent a second time by the next instance.
 */
export function stopSenderOnShutdown(sender: Pick<OutboxSender, 'stop'>, o: ShutdownOptions = {}): void {
  const proc = o.on ?? process;
  if (proc === process && installed) return;
  if (proc === process) installed = true;
  const log = o.log ?? ((m: string) => console.warn(m));
  // First in line, so the other listeners (the local host's, the worker's) are still there to be counted.
  proc.prependOnceListener('SIGTERM', () => {
    const othersExit = proc.listenerCount('SIGTERM') > 0;
    log('[shutdown] SIGTERM: the outbox sender stops claiming and finishes what is in flight');
    const grace = new Promise<'timeout'>((ok) => setTimeout(ok, o.graceMs ?? 20_000, 'timeout').unref());
    void Promise.race([sender.stop().then(() => 'idle' as const), grace]).then((how) => {
      log(how === 'idle' ? '[shutdown] outbox sender idle' : '[shutdown] outbox sender still busy at the grace limit: its claims return after their lease');
      // Another listener (the local host, the Functions worker) owns the exit; otherwise keep Node's default.
      if (!othersExit) (o.exit ?? ((code: number) => process.exit(code)))(0);
    });
  });
}
