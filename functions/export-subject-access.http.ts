import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { subjectAccess } from '../core/evidence';
import { personCalling } from './caller';
import { errorResponse } from './http-errors';
import { loadServices } from './lazy';
import type { Services } from './wiring/services';

// The table SDK loads with the first export, not when the app starts (lazy.ts).
const loadExportStores = async () => (await import('./wiring/export-stores')).exportStores;

/** GET /api/export/subject-access/{ref}: everything held about one case reference, as JSON (docs/admin.md). */
export async function exportSubjectAccessHttp(req: HttpRequest, context: InvocationContext, services?: Pick<Services, 'config' | 'audit' | 'auditReader' | 'children' | 'meetings' | 'voiceTables' | 'examples' | 'trackerItems' | 'caseAudits' | 'clock' | 'people'>): Promise<HttpResponseInit> {
  try {
    const s = services ?? (await loadServices());
    const caller = await personCalling(req, context, s);
    if ('refused' in caller) return caller.refused;
    const exportStores = await loadExportStores();
    const body = await subjectAccess(exportStores(s), { actor: caller.person, ref: req.params.ref ?? '', at: s.clock.now() });
    return { status: 200, headers: { 'cache-control': 'no-store', 'content-disposition': `attachment; filename="subject-access-${body.caseRef}.json"` }, jsonBody: body };
  } catch (err) {
    return errorResponse(err, context);
  }
}

app.http('exportSubjectAccess', { methods: ['GET'], authLevel: 'function', route: 'export/subject-access/{ref}', handler: (r, c) => exportSubjectAccessHttp(r, c) });
