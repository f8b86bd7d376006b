import type { Application, TurnState } from '@microsoft/teams-ai';

// A greeting or a thank-you is not a mistake: it gets a friendly word, not "Sorry, I didn't understand".
const GREETING = /^(hi|hello|hey|hiya|morning|good (morning|afternoon|evening))( there| golden thread)?$/;
const THANKS = /^(thanks|thank you|cheers|ta)( very much| so much)?$/;

/** Registered last: any message no command claimed gets a helpful reply, never silence. */
export function registerFallback(app: Application<TurnState>): void {
  app.message(async () => true, async (context) => {
    const pressed = (context.activity.value as { verb?: unknown } | undefined)?.verb;
    const said = (context.activity.text ?? '').toLowerCase().replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();
    await context.sendActivity(
      pressed
        ? "Sorry, that button doesn't do anything any more. Type **help** to see what I can do."
        : GREETING.test(said)
          ? 'Hello! I answer short commands such as **my meetings** or **example**. Type **help** to see them all.'
          : THANKS.test(said)
            ? "You're welcome. Type **help** any time to see what I can do."
            : "Sorry, I didn't understand that. I answer short commands such as **my meetings** or **example**. " +
              'Type **help** to see them all.',
    );
  });
}
