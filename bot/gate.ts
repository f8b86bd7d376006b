import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { AuditLog, PersonStore } from '../core';
import { actionForVerb, authorise, openToEveryone, POLICY } from '../core/roles';
import { actorIdOf } from './card-action';
import { commandPattern, commands } from './commands';

const ADMIN = /^\s*\/?admin(?![\w'-])/i;
const USE_CHANNEL = /^\s*\/?use\s+this\s+channel\s+for\b/i;

/** The door an activity knocks on: a card verb, a command typed, a typeahead or a message action. */
export function doorOf(activity: TurnContext['activity']): string | undefined {
  const value = activity.value as { action?: { verb?: unknown }; verb?: unknown; dataset?: unknown; commandId?: unknown } | undefined;
  if (activity.type === ActivityTypes.Invoke) {
    if (activity.name === 'adaptiveCard/action') return typeof value?.action?.verb === 'string' ? value.action.verb : undefined;
    if (activity.name === 'application/search') return `search:${String(value?.dataset ?? '')}`;
    if (activity.name?.startsWith('composeExtension/')) return typeof value?.commandId === 'string' ? `extension:${value.commandId}` : undefined;
    return undefined;
  }
  if (activity.type !== ActivityTypes.Message) return undefined;
  if (typeof value?.verb === 'string') return value.verb.toLowerCase();
  const text = activity.text ?? '';
  if (ADMIN.test(text)) return 'admin';
  if (USE_CHANNEL.test(text)) return 'use this channel for';
  return commands.find((c) => commandPattern(c.name).test(text))?.name;
}

/**
 * One gate before every handler: a door whose rule depends on the person's roles alone is checked
 * here, and a refusal is answered in the rule's words, audited, and goes no further. Rules that
 * depend on the record (the child's worker, a forum's facilitators) are checked, and audited, by the
 * feature in core/ once it has the record.
 */
export function registerGate(app: Application<TurnState>, services: { people: Pick<PersonStore, 'get'>; audit: Pick<AuditLog, 'append'> }): void {
  app.turn('beforeTurn', async (context) => {
    const door = doorOf(context.activity);
    const action = door ? actionForVerb(door) : undefined;
    if (!action || POLICY[action].relations.length > 0) return true;
    const actorId = actorIdOf(context);
    const actor = actorId ? await services.people.get(actorId) : undefined;
    // Someone the directory doesn't know is answered by the feature itself ("I don't know you yet").
    if (!actor && openToEveryone(action)) return true;
    const decision = await authorise(actor, action, { recordType: 'action', label: action }, { audit: services.audit, actorId: actorId ?? 'unknown' });
    if (decision.allowed) return true;
    if (context.activity.type === ActivityTypes.Invoke) {
      const body =
        context.activity.name === 'application/search'
          ? { type: 'application/vnd.microsoft.search.searchResponse', value: { results: [] } }
          : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: decision.reason };
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
    } else {
      await context.sendActivity(decision.reason);
    }
    return false;
  });
}
