import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { DEFAULT_THRESHOLD } from '../core/safety';
import { personCalling } from './caller';
import { badRequest, errorResponse } from './http-errors';
import { formatOf } from './import-body';
import { decodeBytes } from './import-encoding';
import { checkLineLengths, megabytes, readLimited } from './import-limits';
import { loadServices } from './lazy';
import type { Services } from './wiring/services';

/** A survey's results are a few hundred rows at most (questions times groups): anything bigger is not one. */
export const SURVEY_MAX_ROWS = 2_000;
const SURVEY_MAX_BYTES = 1_000_000;

/**
 * POST /api/import/survey?name=&from=&to=[&threshold=][&ownerTeam=]: a participation officer (or admin),
 * signed in with Entra ID, imports one survey's aggregate results (docs/surveys-and-activities.md).
 */
export async function importSurveyHandler(req: HttpRequest, context: InvocationContext, given?: Services): Promise<HttpResponseInit> {
  try {
    const services = given ?? (await loadServices());
    const caller = await personCalling(req, context, services);
    if ('refused' in caller) return caller.refused;
    const [{ decodeBody }, { importSurvey }, { findPii }, { piiGuardOptions }, { promisesFrom }] = await Promise.all([
      import('./import-body'),
      import('../core/surveys'),
      import('../core/pii'),
      import('./pii-settings'),
      import('./wiring/participation'),
    ]);
    const bytes = await readLimited(req, SURVEY_MAX_BYTES);
    if (!bytes) return { status: 413, jsonBody: { error: `A survey's results are never larger than ${megabytes(SURVEY_MAX_BYTES)}: nothing was imported. Send the totals per question and group only.` } };
    const { text } = decodeBytes(bytes, req.headers.get('content-type'));
    if (!text.trim()) return badRequest('The request body is empty: send a CSV with the header question, group, number answering, share agreeing.');
    const format = formatOf(req.headers.get('content-type'), text);
    if (!format) return { status: 415, jsonBody: { error: 'Send Content-Type text/csv or application/json.' } };
    if (format === 'csv') checkLineLengths(text);
    const file = decodeBody(format, text);
    if (file.rows.length > SURVEY_MAX_ROWS) return badRequest(`The file has more than ${SURVEY_MAX_ROWS.toLocaleString('en-GB')} rows: a survey's totals per question and group are never that many, so nothing was imported.`);
    const pii = piiGuardOptions(services.config, { clock: services.clock, promises: promisesFrom(services.config) });
    const result = await importSurvey(
      { surveys: services.surveys, items: services.participation.items, teams: services.teams, audit: services.audit, clock: services.clock, calendar: services.calendar, pii: (t) => findPii(t, pii) },
      { actor: caller.person, meta: Object.fromEntries(req.query), file, suppressBelow: DEFAULT_THRESHOLD },
    );
    context.log(`import survey: ${result.status}${result.status === 'imported' ? ` ${result.surveyId}, ${result.questions} rows, ${result.itemsRaised} items raised` : ''}`);
    return { status: result.status === 'rejected' ? 422 : 200, jsonBody: result };
  } catch (err) {
    return errorResponse(err, context);
  }
}

app.http('importSurvey', { methods: ['POST'], authLevel: 'function', route: 'import/survey', handler: (r, c) => importSurveyHandler(r, c) });
