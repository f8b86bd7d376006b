import type { HttpRequest, HttpResponseInit } from '@azure/functions';

/** The request shape botbuilder's CloudAdapter reads (declared here so functions/ need not import botbuilder). */
export interface BridgedRequest {
  body?: Record<string, unknown>;
  headers: Record<string, string>;
  method?: string;
}

/** The response shape CloudAdapter writes to: status, header, send, end (as express/restify have). */
export interface BridgedResponse {
  /** CloudAdapter's type asks for it (streaming only); there is no socket in a Function. */
  socket: unknown;
  status(code: number): BridgedResponse;
  header(name: string, value: unknown): BridgedResponse;
  send(body?: unknown): BridgedResponse;
  end(): BridgedResponse;
  /** True once the adapter has finished the response. */
  readonly ended: boolean;
  /** What the adapter wrote, as an Azure Functions response (JSON bodies as jsonBody). */
  toResponse(): HttpResponseInit;
}

/** Copies a Functions v4 request for CloudAdapter; a body that is not a JSON object is left undefined (CloudAdapter answers 400). */
export async function toBotRequest(req: HttpRequest): Promise<BridgedRequest> {
  // Headers is a fetch Headers object: copy it, or the Authorization header is lost.
  const headers: Record<string, string> = {};
  req.headers.forEach((value, name) => {
    headers[name] = value;
  });
  let body: Record<string, unknown> | undefined;
  const text = await req.text();
  if (text) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      body = undefined; // not JSON: CloudAdapter answers 400 for a missing body
    }
  }
  return { body, headers, method: req.method };
}

export function createBotResponse(): BridgedResponse {
  let status = 200;
  const headers: Record<string, string> = {};
  let body: unknown;
  let ended = false;
  const res: BridgedResponse = {
    socket: undefined,
    status(code) {
      status = code;
      return res;
    },
    header(name, value) {
      headers[name.toLowerCase()] = String(value);
      return res;
    },
    send(value) {
      if (value !== undefined) body = value;
      return res;
    },
    end() {
      ended = true;
      return res;
    },
    get ended() {
      return ended;
    },
    toResponse() {
      if (body === undefined || body === null) return { status, headers };
      if (typeof body === 'string' || Buffer.isBuffer(body)) return { status, headers, body: body as string };
      // Invoke responses (Action.Execute, task modules) are the HTTP body: send them as JSON.
      return { status, headers, jsonBody: body };
    },
  };
  return res;
}
