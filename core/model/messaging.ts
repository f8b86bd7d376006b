import { z } from 'zod';

/** Who a proactive message goes to: a person 1:1, or a channel (which may only carry aggregate content). */
export const RecipientSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), personId: z.string().min(1) }),
  z.object({ kind: z.literal('channel'), channelId: z.string().min(1) }),
]);
export type Recipient = z.infer<typeof RecipientSchema>;

export const recipientKey = (r: Recipient): string =>
  r.kind === 'person' ? `person:${r.personId}` : `channel:${r.channelId}`;

/** A logical proactive message: the dedupe key makes it one message however often it is enqueued. */
export const OutgoingMessageSchema = z.object({
  dedupeKey: z.string().min(1).max(400),
  to: RecipientSchema,
  /** What kind of message (for logs, audit and the admin view), e.g. 'nudge', 'escalation', 'digest.weekly'. */
  kind: z.string().min(1).max(60),
  /** An Adaptive Card (already bound) or plain text. */
  card: z.record(z.string(), z.unknown()).optional(),
  text: z.string().max(4000).optional(),
  /** When set, the message replaces an earlier one sent under this dedupe key (card refresh). */
  replaces: z.string().optional(),
});
export type OutgoingMessage = z.infer<typeof OutgoingMessageSchema>;

/** A stored conversation reference: opaque to core (it is botbuilder's shape), keyed by person or channel. */
export const ConversationRecordSchema = z.object({
  key: z.string().min(1), // recipientKey(...) or 'group:<conversationId>'
  conversationType: z.enum(['personal', 'channel', 'groupChat']),
  reference: z.record(z.string(), z.unknown()),
  teamId: z.string().optional(),
  channelName: z.string().optional(),
  greetedAt: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime(),
});
export type ConversationRecord = z.infer<typeof ConversationRecordSchema>;
