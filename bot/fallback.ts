import type { Application, TurnState } from '@microsoft/teams-ai';

/** Registered last: any message no command claimed gets a helpful reply, never silence. */
export function registerFallback(app: Application<TurnState>): void {
  app.message(async () => true, async (context) => {
    const pressed = (context.activity.value as { verb?: unknown } | undefined)?.verb;
    await context.sendActivity(
      pressed
        ? "Sorry, that button doesn't do anything any more. Type **help** to see what I can do."
        : "Sorry, I didn't understand that. I answer short commands such as **my meetings** or **example**. " +
            'Type **help** to see them all.',
    );
  });
}
