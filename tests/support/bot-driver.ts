// Drives the real bot (the real adapter, through the Functions bridge) with Teams-shaped activities in a
// 1:1 chat, as several integration tests do. Replies that go through the connector land at its stand-in.
import { HttpRequest } from '@azure/functions';
import type { Bot } from '../../bot/index';
import { createBotResponse, toBotRequest } from '../../functions/bot-bridge';

export interface BotDriver {
  /** The envelope of an activity from this person in their 1:1 chat with the bot. */
  personal(aadObjectId: string): Record<string, unknown>;
  /** POSTs one activity; the HTTP answer's JSON body (an invoke's answer), if any. */
  post(activity: object): Promise<Record<string, unknown>>;
  /** Action.Execute from a card in the 1:1 chat: the answer is what replaces the card. */
  execute(who: string, verb: string, data?: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export function botDriver(o: { bot: () => Bot; serviceUrl: () => string }): BotDriver {
  let seq = 0;
  const personal = (aadObjectId: string) => ({
    id: `act-${++seq}`, channelId: 'msteams', serviceUrl: o.serviceUrl(), timestamp: new Date().toISOString(),
    from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Someone' },
    recipient: { id: '28:golden-thread-bot', name: 'Golden Thread' },
    conversation: { id: `a:personal-${aadObjectId}`, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
  });
  async function post(activity: object): Promise<Record<string, unknown>> {
    const req = new HttpRequest({ method: 'POST', url: 'http://localhost:7071/api/messages', headers: { 'content-type': 'application/json' }, body: { string: JSON.stringify(activity) } });
    const res = createBotResponse();
    await o.bot().process((await toBotRequest(req)) as never, res as never);
    return res.toResponse().jsonBody as Record<string, unknown>;
  }
  const execute = async (who: string, verb: string, data: Record<string, unknown> = {}) =>
    ((await post({ ...personal(who), type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } })) as { value: Record<string, unknown> }).value;
  return { personal, post, execute };
}
