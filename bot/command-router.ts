import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { commandNamed, commandPattern, commands } from './commands';

type Handler = (context: TurnContext, state: TurnState) => Promise<void>;

const routed = new WeakMap<object, Set<string>>();

/** The verb of an Action.Submit button with data { verb }: cards sent before the buttons became Action.Execute. */
const verbOf = (context: TurnContext): string | undefined => {
  const value = context.activity.value as { verb?: unknown } | undefined;
  return typeof value?.verb === 'string' ? value.verb : undefined;
};

/** What the pressed card shows: the answer itself is a new message, so the card stays for the next press. */
export const PRESSED_ANSWER = 'My answer is in the chat.';

/**
 * Routes a command from bot/commands.ts to its handler: typed as whole words at the start of a
 * message ("my meetings"), or pressed as a card button (Action.Execute with verb "my meetings", as on the
 * help and welcome cards; or an older card's Action.Submit with data { verb }). Typed or pressed, the
 * answer is the same new message.
 */
export function onCommand(app: Application<TurnState>, name: string, handler: Handler): void {
  const pattern = commandPattern(commandNamed(name).name);
  app.message(async (context) => {
    const verb = verbOf(context);
    if (verb !== undefined) return verb.toLowerCase() === name;
    return pattern.test(context.activity.text ?? '');
  }, handler);
  app.adaptiveCards.actionExecute(name, async (context, state) => {
    await handler(context, state);
    return PRESSED_ANSWER;
  });
  const names = routed.get(app) ?? new Set<string>();
  names.add(name);
  routed.set(app, names);
}

/** Commands no feature has claimed yet answer kindly that they are coming, never with silence. */
export function registerComingSoon(app: Application<TurnState>): void {
  for (const command of commands) {
    if (routed.get(app)?.has(command.name)) continue;
    onCommand(app, command.name, async (context) => {
      await context.sendActivity(
        `"${command.name}" is coming soon: ${command.description.charAt(0).toLowerCase()}${command.description.slice(1)}. ` +
          'Type **help** to see what I can do today.',
      );
    });
  }
}
