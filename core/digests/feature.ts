/**
 * What the bot needs from the digests: built by bot/digest-feature.ts, wired by the composition root (functions/wiring/services.ts)
 * and handed to bot/digests.ts, so the bot never reaches into stores or card templates itself.
 */
export interface DigestFeature {
  /**
   * "report <period>": the senior report's cards, or a sentence when refused or not understood. Asked in a
   * channel or group chat (`shared`), the links to the case-level evidence are left out: anyone there could open them.
   */
  report(actorId: string | undefined, text: string, where?: { shared: boolean }): Promise<Record<string, unknown>[] | string>;
  /** The CICC audit card's submit: the card again, saying "saved" or naming the problem beside each promise. */
  audit(actorId: string | undefined, data: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** "Ask about this" on a digest section: a sentence saying what happened. */
  ask(actorId: string | undefined, data: unknown): Promise<string>;
}
