import { scanPayload, type ForbiddenTerms } from '../../safety/scan-payload';

/** Raised instead of posting when a channel payload would carry a child's reference, name or initials. */
export class UnsafeChannelPayload extends Error {
  constructor(readonly findings: ReturnType<typeof scanPayload>) {
    super(`channel payload carries ${findings.length} forbidden term(s) at ${findings.map((f) => f.path).join(', ')}`);
    this.name = 'UnsafeChannelPayload';
  }
}

/** Last line of defence before a channel post: the card must not mention any child the digest read. */
export function assertChannelSafe(cards: readonly object[], terms: ForbiddenTerms): void {
  const findings = cards.flatMap((c) => scanPayload(c, terms));
  if (findings.length) throw new UnsafeChannelPayload(findings);
}
