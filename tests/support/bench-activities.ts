// Teams-shaped activities for the bench and the resilience suite (the shapes tests/integration/bot.test.ts
// and voice-bot.test.ts use), and a POST to /api/messages over HTTP.
let seq = 0;
export const BOT = { id: '28:golden-thread-bot', name: 'Golden Thread' };

export function personal(serviceUrl: string, aadObjectId: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    id: `act-in-${++seq}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Someone' },
    recipient: BOT,
    conversation: { id: `a:personal-${aadObjectId}`, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...extra,
  };
}

/** An Action.Execute from a card in a 1:1 chat, as Teams sends it. */
export const execute = (serviceUrl: string, aadObjectId: string, verb: string, data: Record<string, unknown>): Record<string, unknown> =>
  personal(serviceUrl, aadObjectId, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: `card-${aadObjectId}`,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });

export interface Posted {
  status: number;
  ms: number;
  body: unknown;
}

/** POSTs an activity to the host's /api/messages; returns status, latency and the JSON body (if any). */
export async function postActivity(hostUrl: string, activity: object, headers: Record<string, string> = {}): Promise<Posted> {
  const t0 = performance.now();
  const res = await fetch(`${hostUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text; // not JSON: keep the text for the report
  }
  return { status: res.status, ms, body };
}

export const percentile = (xs: readonly number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};
