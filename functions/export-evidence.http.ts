import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { exportEvidence } from '../core/evidence';
import { personCalling } from './caller';
import { csvResponse, errorResponse } from './http-errors';
import { loadServices } from './lazy';
import type { Services } from './wiring/services';

// The table SDK loads with the first export, not when the app starts (lazy.ts).
const loadExportStores = async () => (await import('./wiring/export-stores')).exportStores;

/**
 * GET /api/export/evidence?kind=voice|examples|tracker&from=YYYY-MM-DD&to=YYYY-MM-DD[&team=<id>]: evidence
 * for an inspection, as CSV (docs/admin.md).
 */
export async function exportEvidenceHttp(req: HttpRequest, context: InvocationContext, services?: Pick<Services, 'config' | 'audit' | 'auditReader' | 'children' | 'meetings' | 'voiceTables' | 'examples' | 'trackerItems' | 'caseAudits' | 'clock' | 'people'>): Promise<HttpResponseInit> {
  try {
    const s = services ?? (await loadServices());
    const caller = await personCalling(req, context, s);
    if ('refused' in caller) return caller.refused;
    const exportStores = await loadExportStores();
    const q = (k: string) => req.query.get(k) ?? undefined;
    const out = await exportEvidence(exportStores(s), { actor: caller.person, kind: q('kind'), period: { from: q('from'), to: q('to') }, teamId: q('team'), via: 'http' });
    return csvResponse(out.csv, `evidence-${out.kind}-${q('team') ?? 'all'}-${out.period.from}-to-${out.period.to}.csv`);
  } catch (err) {
    return errorResponse(err, context);
  }
}

app.http('exportEvidence', { methods: ['GET'], authLevel: 'function', route: 'export/evidence', handler: (r, c) => exportEvidenceHttp(r, c) });
