import { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Request, type Response } from 'botbuilder';
import { refusalOf, unservableReason } from '../core/access';
import { recordRefusal } from './activity-gate';
import { registerActivities } from './activities';
import { registerExits } from './exits';
import { registerSurveys } from './surveys';
import { registerAdmin } from './admin';
import { registerAudits } from './audits';
import { registerComingSoon } from './command-router';
import { registerChannels } from './channels';
import { registerConversationReferences } from './conversations';
import { registerDigests } from './digests';
import { registerExamples } from './examples';
import { registerFallback } from './fallback';
import { registerForums } from './forums';
import { registerGate } from './gate';
import { registerHelp } from './help';
import type { BotConfig, BotServices } from './services';
import { registerTracker } from './tracker';
import { registerVoice } from './voice';
import { registerWelcome } from './welcome';

export { commands, type Command } from './commands';
export type { BotConfig, BotFeatures, BotServices } from './services';

export interface Bot {
  /** Runs one POST /api/messages through Bot Framework authentication and the handlers. */
  process(req: Request, res: Response): Promise<void>;
}

/** Authentication is on whenever an app id is configured; with none it is off, and only the local stack may ask for that. */
export const botFrameworkAuthentication = (config: BotConfig) => {
  const unservable = unservableReason(config);
  if (unservable) throw new Error(`The bot will not serve: ${unservable}.`);
  return new ConfigurationBotFrameworkAuthentication(
    config.MicrosoftAppId
      ? {
          MicrosoftAppId: config.MicrosoftAppId,
          MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
          MicrosoftAppType: config.MicrosoftAppType,
          MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
        }
      : {}, // no app id: botbuilder's anonymous mode (it refuses SingleTenant without an id)
  );
};

export function createBot(services: BotServices): Bot {
  const adapter = new CloudAdapter(botFrameworkAuthentication(services.config));
  adapter.onTurnError = async (context, error) => {
    console.error(`bot turn failed (activity ${context.activity.id ?? '?'}):`, error);
    const sorry = "Sorry, I couldn't finish that just now: something went wrong on my side. Please try again in a minute.";
    if (context.activity.type === ActivityTypes.Invoke) {
      // A card button: answer in words, so Teams leaves the card (and everything typed into it) as it was.
      const value = `${sorry} Your entries are still on the card.`;
      const body = { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value };
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
      return;
    }
    await context.sendActivity(sorry);
  };

  const app = new Application<TurnState>({ startTypingTimer: false, removeRecipientMention: true, longRunningMessages: false });
  registerConversationReferences(app, services);
  registerGate(app, services);
  registerWelcome(app, services);
  registerHelp(app);
  // Feature handlers register here, one call per file in bot/ (onCommand claims a command, onCardAction card verbs).
  const { features } = services;
  registerVoice(app, features);
  registerForums(app, features);
  registerChannels(app, features);
  registerExamples(app, features);
  registerTracker(app, features);
  registerDigests(app, features);
  registerActivities(app, features);
  registerAudits(app, features);
  registerExits(app, features);
  registerSurveys(app, features);
  registerAdmin(app, services);
  registerComingSoon(app);
  registerFallback(app);

  return {
    // After authentication: only the council's tenant, only Teams; anything else is audited and gets no answer.
    process: (req, res) =>
      adapter.process(req, res, async (context) => {
        const refusal = refusalOf(context.activity, services.config);
        if (!refusal) return void (await app.run(context));
        await recordRefusal(context.activity, refusal, services.audit);
        if (context.activity.type === ActivityTypes.Invoke) await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403 } });
      }),
  };
}
