import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { exportAudit } from '../core/audit';
import { personCalling } from './caller';
import { csvResponse, errorResponse } from './http-errors';
import { loadServices } from './lazy';
import type { Services } from './wiring/services';


/**
 * GET /api/export/audit?from=YYYY-MM-DD&to=YYYY-MM-DD: the audit trail for the period, as CSV, for an
 * administrator signed in with Entra ID (a function key alone is not enough); the export names them.
 */
export async function exportAuditHttp(req: HttpRequest, context: InvocationContext, services?: Pick<Services, 'config' | 'audit' | 'people'>): Promise<HttpResponseInit> {
  try {
    const s = services ?? (await loadServices());
    const caller = await personCalling(req, context, s);
    if ('refused' in caller) return caller.refused;
    // The blob SDK loads with the first export, not when the app starts (lazy.ts). The export reads the
    // record of truth, the immutable append blobs, not the table index.
    const [{ auditTrailOf }, { tablesConfigOf }] = await Promise.all([import('../adapters/audit'), import('./wiring/storage-config')]);
    const reader = auditTrailOf(tablesConfigOf(s.config));
    const out = await exportAudit({ reader, audit: s.audit }, { actor: caller.person, period: { from: req.query.get('from'), to: req.query.get('to') }, via: 'http' });
    return csvResponse(out.csv, `audit-${out.period.from}-to-${out.period.to}.csv`);
  } catch (err) {
    return errorResponse(err, context);
  }
}

app.http('exportAudit', { methods: ['GET'], authLevel: 'function', route: 'export/audit', handler: (r, c) => exportAuditHttp(r, c) });
