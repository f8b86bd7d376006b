import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { subjectAccess } from '../core/evidence';
import { EXPORT_ACTOR } from './export-audit.http';
import { exportStores } from './export-stores';
import { errorResponse } from './http-errors';
import { getServices, type Services } from './services';

/** GET /api/export/subject-access/{ref}: everything held about one case reference, as JSON (docs/admin.md). */
export async function exportSubjectAccessHttp(req: HttpRequest, context: InvocationContext, s: Pick<Services, 'config' | 'audit' | 'children' | 'meetings' | 'clock'> = getServices()): Promise<HttpResponseInit> {
  try {
    const body = await subjectAccess(exportStores(s), { actor: EXPORT_ACTOR, ref: req.params.ref ?? '', at: s.clock.now() });
    return { status: 200, headers: { 'cache-control': 'no-store', 'content-disposition': `attachment; filename="subject-access-${body.caseRef}.json"` }, jsonBody: body };
  } catch (err) {
    return errorResponse(err, context);
  }
}

app.http('exportSubjectAccess', { methods: ['GET'], authLevel: 'function', route: 'export/subject-access/{ref}', handler: (r, c) => exportSubjectAccessHttp(r, c) });
