import { fixedItemId } from '../tracker/fixed-id';
import type { IsoDate, WorkingCalendar } from '../calendar/working-days';
import { londonDate } from '../calendar/working-days';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { RowProblem, SourceRow } from '../intake';
import type { Person } from '../model/person';
import type { PiiScan } from '../pii/general-terms';
import type { AuditLog, TeamStore } from '../ports';
import { requireAllowed } from '../roles';
import type { TrackerItem, TrackerStore } from '../tracker';
import type { SurveyStore } from './ports';
import { readSurveyResults } from './read-results';
import { SurveyMetaSchema, surveyId, type Survey, type SurveyResult } from './survey';

export interface SurveyImportDeps {
  surveys: SurveyStore;
  items: Pick<TrackerStore, 'get' | 'create'>;
  teams: Pick<TeamStore, 'get' | 'list'>;
  audit: Pick<AuditLog, 'append'>;
  clock: Clock;
  calendar: WorkingCalendar;
  pii: PiiScan;
}

/** Working days an officer has to act on what a survey found before the item is due. */
export const SURVEY_ITEM_WORKING_DAYS = 20;

export type SurveyImportResult =
  | { status: 'rejected'; error?: string; rejected: RowProblem[]; fieldErrors?: Record<string, string> }
  | { status: 'imported'; surveyId: string; questions: number; replaced: boolean; itemsRaised: number; itemsAlreadyRaised: number; ownerId: string; ownerTeam?: string };

/** One "You said" per question and group below the threshold: its id is fixed by survey, question and group, so a re-import never adds a second. */
export const surveyItemId = (id: string, r: Pick<SurveyResult, 'question' | 'group'>): string =>
  fixedItemId(`survey-${id}`, `${r.question.toLowerCase()}\u0000${r.group.toLowerCase()}`);

/** What young people said, as a general statement the tracker and the CICC digest can show (the share only when it is not a small group). */
export const surveyItemText = (name: string, r: SurveyResult, smallBelow: number): string =>
  r.answering >= smallBelow
    ? `In the ${name} survey, only ${Math.round(r.agreeing)}% of ${r.group} agreed with: ${r.question}`
    : `In the ${name} survey, few of ${r.group} agreed with: ${r.question}`;

/**
 * A participation officer's import of one survey's aggregate results (docs/surveys-and-activities.md):
 * every row checked before anything is written; the same survey and dates again replaces its results; each
 * question and group below the officer's threshold becomes a "You said" item, once, owned by the officer or
 * by the manager of the team they name.
 */
export async function importSurvey(
  deps: SurveyImportDeps,
  o: { actor: Person; meta: unknown; file: { rows: readonly SourceRow[]; columns: readonly string[] }; suppressBelow: number },
): Promise<SurveyImportResult> {
  await requireAllowed(o.actor, 'survey.import', { recordType: 'survey', label: 'survey' }, { audit: deps.audit });
  const meta = SurveyMetaSchema.safeParse(o.meta);
  if (!meta.success) {
    const fieldErrors: Record<string, string> = {};
    for (const i of meta.error.issues) fieldErrors[String(i.path[0] ?? 'name')] ??= i.message;
    return { status: 'rejected', error: Object.values(fieldErrors).join(' '), rejected: [], fieldErrors };
  }
  const read = readSurveyResults(o.file, deps.pii);
  if (read.file) return { status: 'rejected', error: read.file, rejected: [] };
  if (read.rejected.length) return { status: 'rejected', error: 'Some rows have problems, so nothing was imported: each is listed by line and column.', rejected: read.rejected };
  if (!read.results.length) return { status: 'rejected', error: 'The file has a header but no results, so nothing was imported.', rejected: [] };

  const owner = await ownerOf(deps, o.actor, meta.data.ownerTeam);
  const now = deps.clock.now();
  const id = surveyId(meta.data);
  const previous = await deps.surveys.get(id);
  const survey: Survey = {
    id,
    name: meta.data.name,
    from: meta.data.from,
    to: meta.data.to,
    importedAt: now.toISOString(),
    importedById: o.actor.id,
    threshold: meta.data.threshold,
    results: read.results.map(({ at: _at, ...r }) => r),
  };
  await deps.surveys.save(survey);
  const below = meta.data.threshold === undefined ? [] : survey.results.filter((r) => r.agreeing < meta.data.threshold!);
  const due: IsoDate = deps.calendar.addWorkingDays(londonDate(now), SURVEY_ITEM_WORKING_DAYS);
  let raised = 0;
  for (const r of below) {
    const itemId = surveyItemId(id, r);
    if (await deps.items.get(itemId)) continue;
    const youSaid = surveyItemText(survey.name, r, o.suppressBelow).slice(0, 500);
    const item: TrackerItem = {
      id: itemId,
      youSaid,
      saidBy: 'group',
      source: { kind: 'survey', surveyId: id, surveyName: survey.name },
      raisedById: o.actor.id,
      raisedAt: now.toISOString(),
      raisedOn: londonDate(now),
      ownerId: owner.ownerId,
      teamId: owner.teamId,
      dueDate: due,
      status: 'open',
      shareable: deps.pii(youSaid).length === 0,
      updatedAt: now.toISOString(),
    };
    try {
      await deps.items.create(item);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'CONFLICT') continue; // another import raised it first
      throw err;
    }
    raised++;
    await deps.audit.append({ actorId: o.actor.id, action: 'tracker.raised', recordType: 'tracker-item', recordId: itemId, at: item.raisedAt, detail: { source: 'survey', surveyId: id, ownerId: item.ownerId, dueDate: due, shareable: item.shareable } });
  }
  await deps.audit.append({
    actorId: o.actor.id,
    action: 'survey.imported',
    recordType: 'survey',
    recordId: id,
    at: now.toISOString(),
    detail: { name: survey.name, from: survey.from, to: survey.to, questions: survey.results.length, replaced: !!previous, threshold: survey.threshold ?? null, itemsRaised: raised },
  });
  return { status: 'imported', surveyId: id, questions: survey.results.length, replaced: !!previous, itemsRaised: raised, itemsAlreadyRaised: below.length - raised, ownerId: owner.ownerId, ownerTeam: owner.teamName };
}

/** The officer, or the manager of the team they name (by id or name): a team without a manager cannot own the items. */
async function ownerOf(deps: Pick<SurveyImportDeps, 'teams'>, actor: Person, team?: string): Promise<{ ownerId: string; teamId?: string; teamName?: string }> {
  if (!team) return { ownerId: actor.id, teamId: actor.teamId };
  const found = (await deps.teams.get(team)) ?? (await deps.teams.list()).find((t) => t.name.toLowerCase() === team.toLowerCase());
  if (!found) throw new DomainError('INVALID', `No team called "${team}" is on file: give a team's id or its name as ownerTeam, or leave it out to own the items yourself.`);
  if (!found.managerId) throw new DomainError('INVALID', `The ${found.name} team has no manager on file to own the items: leave ownerTeam out to own them yourself, or name another team.`);
  return { ownerId: found.managerId, teamId: found.id, teamName: found.name };
}
