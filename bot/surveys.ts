import type { Application, TurnState } from '@microsoft/teams-ai';
import { onCardAction } from './card-action';
import { SurveyActionSchema, surveyImportCard, surveyVerbs, type SurveyAction } from '../cards/surveys-cards';
import type { Person } from '../core/model';
import type { Card } from '../cards/render';
import { DomainError } from '../core/errors';
import { requireAllowed } from '../core/roles';
import { importSurvey, type SurveyCardFeature } from '../core/surveys';

/** A survey's results are questions times groups: never this many rows. */
const MAX_ROWS = 2_000;

// The import's wording names query parameters (name=...); on the card the field is beside it.
const CARD_WORDS: Record<string, string> = {
  name: 'Give the survey its name, for example Bright Spots.',
  from: 'Give the day the survey opened.',
  to: 'Give the day the survey closed.',
};
const cardWording = (errors: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, /=/.test(v) ? (CARD_WORDS[k] ?? v) : v]));

/** One press of the survey card: a fresh card, or the import (all or nothing, every problem named, entries kept). */
// onCardAction (bot/card-action.ts) has already found the presser in the directory and parsed the data.
export async function handleSurveyAction(actor: Person, data: SurveyAction, f: SurveyCardFeature): Promise<Card | string> {
  try {
    await requireAllowed(actor, 'survey.import', { recordType: 'survey', label: 'survey' }, { audit: f.audit });
    if (data.verb === 'survey.new') return surveyImportCard({});
    const { verb: _verb, csv, ...meta } = data;
    const values = { ...meta, csv };
    if (!csv) return surveyImportCard({ values, errors: { csv: 'Paste the results, with the header row question, group, number answering, share agreeing.' } });
    let file;
    try {
      file = f.readCsv(csv);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'INVALID') return surveyImportCard({ values, errors: { csv: err.message } });
      throw err;
    }
    if (file.rows.length > MAX_ROWS) return surveyImportCard({ values, errors: { csv: `More than ${MAX_ROWS.toLocaleString('en-GB')} rows: a survey's totals per question and group are never that many, so nothing was imported.` } });
    const out = await importSurvey(f, { actor, meta: Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)), file, suppressBelow: f.suppressBelow });
    if (out.status === 'rejected') {
      const errors = cardWording(out.fieldErrors ?? {});
      return surveyImportCard({ values, errors, rows: out.rejected, error: out.rejected.length || Object.keys(errors).length ? 'Nothing was imported: put right the problems named below, everything you entered is kept.' : (out.error ?? '') });
    }
    const items = out.itemsRaised ? ` ${out.itemsRaised} "You said" item${out.itemsRaised === 1 ? '' : 's'} raised${out.ownerTeam ? `, owned by the ${out.ownerTeam} team's manager` : ', owned by you'}.` : '';
    const again = out.itemsAlreadyRaised ? ` ${out.itemsAlreadyRaised} already raised before.` : '';
    return surveyImportCard({ notice: `Imported ${meta.name}: ${out.questions} row${out.questions === 1 ? '' : 's'}${out.replaced ? ', replacing the earlier import of the same dates' : ''}.${items}${again} It will be in the next board briefing and senior report. Import another below.` });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'FORBIDDEN') return err.message;
    if (err instanceof DomainError && err.code === 'INVALID') return surveyImportCard({ values: { ...data, verb: undefined } as Record<string, string | undefined>, errors: { ownerTeam: err.message } });
    throw err;
  }
}

/** The survey card's buttons (opened from the `forums` card). Registered only when the composition root provides the feature. */
export function registerSurveys(app: Application<TurnState>, features: { surveys?: SurveyCardFeature }): void {
  const f = features.surveys;
  if (!f) return;
  onCardAction(app, {
    verbs: surveyVerbs,
    schema: SurveyActionSchema,
    unreadable: 'That button is out of date: type **forums** and press *Import survey results* again.',
    actor: 'known',
    people: f.people,
    handle: (action, actor) => handleSurveyAction(actor, action, f),
  });
}
