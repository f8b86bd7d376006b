import { createHash } from 'node:crypto';
import { auditEntries, ciccAuditCard, CiccAuditSubmitSchema } from '../cards/digests-cicc';
import { AskAboutThisSchema } from '../cards/digests-cpb';
import { seniorReportCards } from '../cards/digests-senior';
import { evidenceLinksCard } from '../cards/evidence-links';
import { askAboutThis, CICC_AUDIT_WORDS, type ParticipationRequests, presentAudit, recordCiccAudit, shiftDate, parseReportPeriod, buildSeniorReport, monthlyReportDue } from '../core/digests';
import type { DigestFeature } from '../core/digests';
import type { WorkingCalendar } from '../core/calendar';
import type { Clock } from '../core/clock';
import { DomainError } from '../core/errors';
import { hasRole, type Person } from '../core/model';
import type { PersonStore, AuditLog } from '../core/ports';
import type { ForumStore } from '../core/forums';
import { decide, requireAllowed } from '../core/roles';
import { findPii } from '../core/pii';
import { raiseItem, type TrackerDeps } from '../core/tracker';

type ReportSources = Parameters<typeof buildSeniorReport>[0];
type CiccAuditSources = Parameters<typeof recordCiccAudit>[0];

/**
 * What the digest handlers read: the facts the senior report is computed from, the CICC audit's store and
 * guard, the calendar and the signed download links. The composition root passes its digest services
 * (functions/wiring/digests.ts), which hold all of it.
 */
export type DigestSourcesForBot = ReportSources['facts'] & Pick<ReportSources, 'teams' | 'promises'> & {
  calendar: WorkingCalendar;
  clock: Clock;
  audits: CiccAuditSources['store'];
  guard: CiccAuditSources['guard'];
  links: { sign(path: string, ttlMinutes?: number): string };
};

export interface DigestFeatureInputs {
  digests: DigestSourcesForBot;
  people: Pick<PersonStore, 'get' | 'list'>;
  /** The tracker's stores, when wired: "Ask about this" raises an item there. */
  tracker?: Omit<TrackerDeps, 'newId' | 'pii'>;
  /** The forums, to find who facilitates the CICC whose audit is recorded. */
  forums?: Pick<ForumStore, 'get'>;
  /** Where the CICC audit and refusals are recorded. */
  audit?: Pick<AuditLog, 'append'>;
}

// The digest handlers: `report`, the CICC audit card and "Ask about this" (registered in bot/digests.ts).
// They were bot code living in functions/ (issue 19): they answer with cards and words, so they live here.

/** "Ask about this" as a tracker item owned by the first participation officer, due in ten working days. */
function participationRequests(i: DigestFeatureInputs): ParticipationRequests {
  return {
    async raise(req) {
      if (!i.tracker) throw new DomainError('CONFLICT', 'The "You said, we did" tracker is not set up yet.');
      const actor = await i.people.get(req.askedById);
      const owner = (await i.people.list()).find((p) => hasRole(p, 'participation_officer'));
      if (!actor || !owner) throw new DomainError('NOT_FOUND', 'There is no participation officer in the directory to answer this.');
      const id = `ask-${createHash('sha256').update(req.dedupeKey).digest('hex').slice(0, 24)}`;
      const dueDate = i.digests.calendar.addWorkingDays(req.at.toISOString().slice(0, 10), 10);
      const deps: TrackerDeps = { ...i.tracker, newId: () => id, pii: (t) => findPii(t) };
      try {
        const res = await raiseItem(deps, { actor, input: { youSaid: req.title, saidBy: 'forum', ownerId: owner.id, dueDate }, source: { kind: 'digest-ask', digest: req.digest } });
        if (res.kind !== 'raised') throw new DomainError('INVALID', 'That question could not be raised.', res);
        return { id, created: true };
      } catch (err) {
        if (err instanceof DomainError && err.code === 'CONFLICT') return { id, created: false };
        throw err;
      }
    },
  };
}

export function buildDigestFeature(i: DigestFeatureInputs): DigestFeature {
  const d = i.digests;
  const person = async (id: string | undefined): Promise<Person | undefined> => (id ? i.people.get(id) : undefined);
  return {
    async report(actorId, text, where) {
      const p = await person(actorId);
      const allowed = decide(p, 'digest.report');
      if (!allowed.allowed) return allowed.reason;
      try {
        // "report" alone: last month's, the one most asked for, saying how to ask for another period.
        const period = text.trim() ? parseReportPeriod(text) : monthlyReportDue(d.clock.now(), d.calendar).period;
        const asked = text.trim() || period.label;
        const exportUrl = d.links.sign(`/api/digests/export/report/${encodeURIComponent(period.label.replace(/ \(.*\)$/, '').replace(/ /g, '-'))}`);
        const view = await buildSeniorReport({ facts: d, teams: d.teams, calendar: d.calendar, promises: d.promises, exportUrl: () => exportUrl }, period, d.clock.now());
        const cards = seniorReportCards(view);
        if (!text.trim()) {
          cards.unshift({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', wrap: true, text: `Last month's report, ${period.label}. For another period, type for example "report Q3 2026", "report 2026 H2" or "report 2025-26".` }] });
        }
        // Those who may export the inspection evidence get links to it: the files name children by case
        // reference, so each link names who asked (checked again at download) and lasts an hour.
        if (p && decide(p, 'export.evidence').allowed && where?.shared) {
          // A signed link is a key to the file for an hour, whoever presses it: never post one where others read.
          cards.push({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', wrap: true, isSubtle: true, text: `The inspection evidence files name children by case reference, so I give their links only in our 1:1 chat: message me privately and type "report ${asked}".` }] });
        } else if (p && decide(p, 'export.evidence').allowed) {
          const key = `${period.from}~${shiftDate(period.to, -1)}~${p.id}`;
          const link = (kind: string) => d.links.sign(`/api/digests/export/evidence-${kind}/${encodeURIComponent(key)}`, 60);
          cards.push(evidenceLinksCard({ period: period.label, links: { voice: link('voice'), examples: link('examples'), tracker: link('tracker') } }));
        }
        return cards;
      } catch (err) {
        if (err instanceof DomainError) return err.message;
        throw err;
      }
    },
    async audit(actorId, data) {
      const parsed = CiccAuditSubmitSchema.safeParse({ ...data, verb: 'cicc.audit' });
      if (!parsed.success || !actorId) throw new DomainError('INVALID', 'That audit card could not be read.');
      const entries = auditEntries(parsed.data);
      const answers = Object.fromEntries(entries.map((e) => [e.promiseId, { verdict: e.verdict, comment: e.comment }]));
      const date = /\d{4}-\d{2}-\d{2}$/.exec(parsed.data.occurrenceId)?.[0];
      const occurrence = { id: parsed.data.occurrenceId, start: date ? `${date}T12:00:00Z` : d.clock.now().toISOString() };
      // The CICC's own facilitators (the forum the occurrence belongs to), participation officers and admins.
      const forum = (await i.forums?.get(parsed.data.occurrenceId.split(':')[0] ?? ''))?.value;
      const facilitatorIds = forum?.type === 'CICC' ? forum.facilitatorIds : [];
      try {
        await requireAllowed(await person(actorId), 'cicc.audit', { label: occurrence.id, recordType: 'cicc-audit', facilitatorIds }, { audit: i.audit, actorId });
      } catch (err) {
        // The card comes back with their answers kept (a young person may have pressed it) and why beside the button.
        if (err instanceof DomainError) return ciccAuditCard(presentAudit(occurrence, d.promises, { answers, saved: err.message }));
        throw err;
      }
      try {
        const { saved } = await recordCiccAudit({ store: d.audits, guard: d.guard, promises: d.promises, audit: i.audit }, { occurrenceId: occurrence.id, byId: actorId, at: d.clock.now(), entries });
        return ciccAuditCard(presentAudit(occurrence, d.promises, { answers, saved: CICC_AUDIT_WORDS.thanks(saved) }));
      } catch (err) {
        if (!(err instanceof DomainError) || err.code !== 'INVALID') throw err;
        const problems = (err.details as Record<string, string> | undefined) ?? {};
        return ciccAuditCard(presentAudit(occurrence, d.promises, { answers, problems, saved: Object.keys(problems).length ? '' : err.message }));
      }
    },
    async ask(actorId, data) {
      const parsed = AskAboutThisSchema.safeParse({ ...(data as object), verb: 'digest.ask' });
      if (!parsed.success || !actorId) return "I couldn't read that button. Please try again.";
      try {
        const res = await askAboutThis({ requests: participationRequests(i) }, { ...parsed.data, askedById: actorId, at: d.clock.now() });
        return res.created ? 'Thank you. The participation team has your question and will answer it.' : 'You have already asked about this. The participation team has it.';
      } catch (err) {
        if (err instanceof DomainError) return err.message;
        throw err;
      }
    },
  };
}
