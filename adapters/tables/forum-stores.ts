import { DomainError } from '../../core/errors';
import { ForumSchema, type Forum, ForumOutcomeSchema, type ForumOutcome } from '../../core/forums';
import type { ForumOutcomeStore, ForumStore } from '../../core/forums';
import type { Versioned } from '../../core/ports';
import { conflictOn412, fromEntity, getOrUndefined, listPartition, statusOf, toProperties, type LazyClient } from './entity';
import { encodeKey } from './keys';

const FORUM_JSON = ['facilitatorIds', 'reminderOffsetsDays', 'overrides'] as const;

/** Forums table: one small partition `forum` / id (a council has tens of forums, so `list` is one read). */
export class TableForumStore implements ForumStore {
  constructor(private readonly client: LazyClient) {}

  async get(id: string): Promise<Versioned<Forum> | undefined> {
    const e = await getOrUndefined(await this.client(), 'forum', encodeKey(id));
    return e ? { value: fromEntity(ForumSchema, e, FORUM_JSON), etag: e.etag } : undefined;
  }

  async list(): Promise<Forum[]> {
    return (await listPartition(await this.client(), 'forum')).map((e) => fromEntity(ForumSchema, e, FORUM_JSON));
  }

  async save(forum: Forum, etag?: string): Promise<string> {
    const client = await this.client();
    const entity = { partitionKey: 'forum', rowKey: encodeKey(forum.id), ...toProperties(ForumSchema.parse(forum)) };
    if (!etag) {
      const res = await client.createEntity(entity).catch((err: unknown) => {
        if (statusOf(err) === 409) throw new DomainError('CONFLICT', `Forum ${forum.id} already exists`);
        throw err;
      });
      return res.etag ?? '';
    }
    const res = await client.updateEntity(entity, 'Replace', { etag }).catch((err: unknown) => conflictOn412(err, forum.name));
    return res.etag ?? '';
  }
}

/** Forum outcomes table: partition per forum, one row per occurrence (its original London date). */
export class TableForumOutcomeStore implements ForumOutcomeStore {
  constructor(private readonly client: LazyClient) {}

  async get(forumId: string, originalDate: string): Promise<ForumOutcome | undefined> {
    const e = await getOrUndefined(await this.client(), encodeKey(forumId), originalDate);
    return e ? fromEntity(ForumOutcomeSchema, e, ['attendance', 'points']) : undefined;
  }

  async create(outcome: ForumOutcome): Promise<void> {
    const client = await this.client();
    await client
      .createEntity({ partitionKey: encodeKey(outcome.forumId), rowKey: outcome.originalDate, ...toProperties(outcome) })
      .catch((err: unknown) => {
        if (statusOf(err) === 409) throw new DomainError('CONFLICT', 'That meeting already has its outcome recorded');
        throw err;
      });
  }

  async listForForum(forumId: string): Promise<ForumOutcome[]> {
    return (await listPartition(await this.client(), encodeKey(forumId))).map((e) =>
      fromEntity(ForumOutcomeSchema, e, ['attendance', 'points']),
    );
  }
}
