// In-memory fakes of the forum and channel ports, for unit tests of core (and nothing else).
import { DomainError } from '../errors';
import type { Audience, ChannelMapping } from '../channels/channel-mapping';
import type { ChannelMappingStore } from '../channels/ports';
import type { Forum } from '../forums/forum';
import type { ForumOutcome } from '../forums/outcome';
import type { ForumOutcomeStore, ForumStore, NewYouSaid, YouSaidDone, YouSaidSummary, YouSaidTracker } from '../forums/ports';
import type { Versioned } from '../ports';

export class InMemoryForumStore implements ForumStore {
  private rows = new Map<string, Versioned<Forum>>();
  private n = 0;
  async get(id: string) {
    const r = this.rows.get(id);
    return r && { value: structuredClone(r.value), etag: r.etag };
  }
  async list() {
    return [...this.rows.values()].map((r) => structuredClone(r.value));
  }
  async save(forum: Forum, etag?: string) {
    const before = this.rows.get(forum.id);
    if (!etag && before) throw new DomainError('CONFLICT', 'exists');
    if (etag && before?.etag !== etag) throw new DomainError('CONFLICT', 'changed');
    const next = `e${++this.n}`;
    this.rows.set(forum.id, { value: structuredClone(forum), etag: next });
    return next;
  }
}

export class InMemoryOutcomeStore implements ForumOutcomeStore {
  readonly rows = new Map<string, ForumOutcome>();
  async get(forumId: string, date: string) {
    return this.rows.get(`${forumId}|${date}`);
  }
  async create(o: ForumOutcome) {
    if (this.rows.has(`${o.forumId}|${o.originalDate}`)) throw new DomainError('CONFLICT', 'exists');
    this.rows.set(`${o.forumId}|${o.originalDate}`, o);
  }
  async listForForum(forumId: string) {
    return [...this.rows.values()].filter((o) => o.forumId === forumId);
  }
}

export class InMemoryTracker implements YouSaidTracker {
  readonly items: (NewYouSaid & { id: string; open: boolean })[] = [];
  /** Outcomes by forum, as a test sets them. */
  readonly done: (YouSaidDone & { forumId: string; toldOn?: string })[] = [];
  async listDoneForForum(forumId: string, since: string): Promise<YouSaidDone[]> {
    return this.done.filter((d) => d.forumId === forumId && (!d.told || (d.toldOn ?? '') >= since)).map(({ forumId: _f, toldOn: _t, ...d }) => d);
  }
  async create(item: NewYouSaid) {
    const id = `ys${this.items.length + 1}`;
    this.items.push({ ...item, id, open: true });
    return { id };
  }
  async listOpenForForum(forumId: string): Promise<YouSaidSummary[]> {
    return this.items
      .filter((i) => i.open && i.source.forumId === forumId)
      .map((i) => ({ id: i.id, text: i.text, ownerId: i.ownerId, dueDate: i.dueDate, occurrenceDate: i.source.occurrenceDate }));
  }
}

export class InMemoryChannelMappings implements ChannelMappingStore {
  readonly rows = new Map<Audience, ChannelMapping>();
  async get(a: Audience) {
    return this.rows.get(a);
  }
  async save(m: ChannelMapping) {
    this.rows.set(m.audience, m);
  }
  async list() {
    return [...this.rows.values()];
  }
}
