import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import type { Bot } from '../bot/index';
import { z } from 'zod';
import { unservableReason } from '../core/access';
import { createBotResponse, toBotRequest } from './bot-bridge';
import { loadConfig } from './config';
import { loadServices } from './lazy';

let bot: Promise<Bot> | undefined;

/** The least a Bot Framework activity has; the adapter checks the rest (and the token). */
const ActivityShapeSchema = z.looseObject({ type: z.string().min(1), conversation: z.looseObject({ id: z.string().min(1) }) });

// teams-ai and botbuilder take most of a second to load: only this function pays, on its first request
// (in the bundle, bot/ and its SDKs are a chunk of their own that nothing else imports).
const loadBot = (): Promise<Bot> =>
  (bot ??= Promise.all([import('../bot/index'), loadServices()]).then(([{ createBot }, services]) => createBot(services)).catch((err: unknown) => {
    bot = undefined;
    throw err;
  }));

/** POST /api/messages: every activity from Teams (or the Playground) goes through the bot. */
export async function messages(req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  // Fail closed: without an identity to check tokens against (or a tenant to serve) nothing is served.
  const unservable = refusedToServe();
  if (unservable) {
    context.error(`messages: not serving (invocation ${context.invocationId}): ${unservable}`);
    return { status: 503, jsonBody: { error: 'The bot is not configured to serve in this environment; the reason is in the log.' } };
  }
  const res = createBotResponse();
  const request = await toBotRequest(req);
  if (request.body) {
    const shape = ActivityShapeSchema.safeParse(request.body);
    if (!shape.success) {
      const issues = shape.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', problem: i.message }));
      return { status: 400, jsonBody: { error: 'That is not a Bot Framework activity.', issues } };
    }
  }
  try {
    await (await loadBot()).process(request, res);
  } catch (err) {
    context.error(`messages: activity failed (invocation ${context.invocationId})`, err);
    if (!res.ended) return { status: 500, jsonBody: { error: 'The bot could not handle this activity.' } };
  }
  return res.toResponse();
}

function refusedToServe(): string | undefined {
  try {
    return unservableReason(loadConfig());
  } catch (err) {
    return (err as Error).message;
  }
}

/** For tests that change the environment: the next request builds the bot afresh. */
export const resetMessagesBot = (): void => {
  bot = undefined;
};

app.http('messages', { methods: ['POST'], authLevel: 'anonymous', route: 'messages', handler: messages });
