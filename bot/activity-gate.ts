import type { AuditLog } from '../core';
import type { ActivityOrigin, Refusal } from '../core/access';

/** Audits (and logs) a refused activity; nothing else happens for it. */
export async function recordRefusal(activity: ActivityOrigin, refusal: Refusal, audit?: Pick<AuditLog, 'append'>): Promise<void> {
  const actorId = activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown';
  console.warn(`bot: refused a ${activity.type ?? '?'} activity from ${refusal.recordType} ${refusal.recordId}: ${refusal.reason}`);
  await audit?.append({ actorId: actorId.slice(0, 200), action: 'activity.refused', recordType: refusal.recordType, recordId: refusal.recordId.slice(0, 200), detail: { reason: refusal.reason, type: activity.type ?? null } });
}
