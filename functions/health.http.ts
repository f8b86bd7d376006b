import { app, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

/** Liveness for the local stack and Azure's health check: answers without touching storage or the bot. */
export async function health(_req: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> {
  return { status: 200, jsonBody: { status: 'ok', service: 'golden-thread' } };
}

app.http('health', { route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: health });
