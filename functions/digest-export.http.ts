import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { annualReportHtml, computeCiccDigest, ciccPrintableHtml, forumPrintableHtml, presentCicc, parseReportPeriod, buildSeniorReport } from '../core/digests';
import { DomainError } from '../core/errors';
import type { DigestServices } from './wiring/digests';
import { csvResponse } from './http-errors';
import { loadServices } from './lazy';
import type { Services } from './wiring/services';

// The digests' stores and cards load with the first export, not when the app starts (lazy.ts).
const loadDigestServices = async (): Promise<DigestServices> => (await import('./wiring/services')).digestServicesOf(await loadServices());

const html = (body: string): HttpResponseInit => ({
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:", 'x-content-type-options': 'nosniff' },
  body,
});
const refuse = (status: number, text: string): HttpResponseInit => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text });

/**
 * The printable exports behind the cards' buttons: the senior report for a period (the annual report, HTML
 * with inline SVG charts) and the CICC digest for young people not in Teams. Bots cannot attach files in
 * channels, so the card links here; the link is signed and expires (functions/wiring/digests.ts).
 */
export async function digestExport(req: HttpRequest, context: InvocationContext, services?: DigestServices, app?: Pick<Services, 'config' | 'audit' | 'auditReader' | 'children' | 'meetings' | 'voiceTables' | 'examples' | 'trackerItems' | 'caseAudits' | 'people'>): Promise<HttpResponseInit> {
  const d = services ?? (await loadDigestServices());
  const path = new URL(req.url).pathname;
  const q = new URL(req.url).searchParams;
  if (!d.links.verify(path, q.get('expires'), q.get('sig'), d.clock.now())) return refuse(403, 'This link has expired or is not valid. Ask the bot for a new one.');
  const { kind, key } = req.params as { kind?: string; key?: string };
  try {
    if (kind === 'report') {
      const label = decodeURIComponent(key ?? '');
      const period = parseReportPeriod(label);
      return html(annualReportHtml(await buildSeniorReport({ facts: d, teams: d.teams, calendar: d.calendar, promises: d.promises }, period, d.clock.now()), d.councilName));
    }
    if (kind === 'cicc') {
      const id = decodeURIComponent(key ?? '');
      const date = id.slice(id.lastIndexOf(':') + 1);
      const around = Date.parse(`${date}T12:00:00Z`);
      if (Number.isNaN(around)) return refuse(404, 'No such CICC meeting.');
      const occurrence = (await d.forums.occurrencesBetween('CICC', new Date(around - 40 * 86_400_000), new Date(around + 40 * 86_400_000))).find((o) => o.id === id);
      if (!occurrence) return refuse(404, 'No such CICC meeting.');
      const digest = await computeCiccDigest(d, { occurrence, now: d.clock.now(), promises: d.promises, guard: d.guard });
      return html(ciccPrintableHtml(presentCicc(digest), d.councilName));
    }
    if (kind === 'forum') {
      // A families' or care leavers' forum's "You said, we did", for members not in Teams.
      const id = decodeURIComponent(key ?? '');
      const view = await d.forumPrintable(id.slice(0, id.lastIndexOf(':')), id.slice(id.lastIndexOf(':') + 1));
      return view ? html(forumPrintableHtml(view, d.councilName)) : refuse(404, 'No such forum meeting.');
    }
    const evidence = /^evidence-(voice|examples|tracker)$/.exec(kind ?? '');
    if (evidence) {
      // The inspection evidence, for the person the link was made for, if they may still have it.
      const [from, to, actorId] = decodeURIComponent(key ?? '').split('~');
      const s = app ?? (await loadServices());
      const { exportEvidence } = await import('../core/evidence');
      const { exportStores } = await import('./wiring/export-stores');
      const actor = actorId ? await s.people.get(actorId) : undefined;
      const out = await exportEvidence(exportStores(s), { actor, kind: evidence[1], period: { from, to }, via: 'teams-link' });
      return csvResponse(out.csv, `evidence-${out.kind}-all-${out.period.from}-to-${out.period.to}.csv`);
    }
    return refuse(404, 'No such export.');
  } catch (err) {
    if (err instanceof DomainError) return refuse(err.code === 'FORBIDDEN' ? 403 : 400, err.message);
    context.error(`digest export (invocation ${context.invocationId}): ${(err as Error).stack ?? String(err)}`);
    throw err;
  }
}

app.http('digestExport', { route: 'digests/export/{kind}/{key}', methods: ['GET'], authLevel: 'anonymous', handler: (r, c) => digestExport(r, c) });
