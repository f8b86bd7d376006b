import type { OutgoingMessage } from '../model/messaging';
import type { Outbox } from '../ports';
import type { DeliveryStatus } from '../voice/ports';

/** An outbox that keeps what was enqueued and refuses a repeated dedupe key, as the real one does. */
export class InMemoryOutbox implements Outbox {
  readonly sent: OutgoingMessage[] = [];
  private readonly keys = new Set<string>();
  enqueue = async (m: OutgoingMessage) => {
    if (this.keys.has(m.dedupeKey)) return false;
    this.keys.add(m.dedupeKey);
    this.sent.push(m);
    return true;
  };
}

/** An outbox whose delivery outcomes the test sets (the sender's final word on each message). */
export class InMemoryDeliveries extends InMemoryOutbox implements DeliveryStatus {
  readonly outcomes = new Map<string, 'pending' | 'delivered' | 'undeliverable'>();
  deliveryOf = async (key: string) => this.outcomes.get(key) ?? 'pending';
}
