import { z } from 'zod';

/** A board member's or senior manager's question on a digest section, for the participation team to answer. */
export const AskRequestSchema = z.object({
  digest: z.enum(['cpb', 'senior']),
  section: z.string().min(1).max(40),
  ref: z.string().min(1).max(100),
});
export type AskRequest = z.infer<typeof AskRequestSchema>;

/** Raises a tracker item owned by the participation team (adapted to core/tracker by the lead). */
export interface ParticipationRequests {
  raise(item: { title: string; askedById: string; at: Date; dedupeKey: string; digest: AskRequest['digest'] }): Promise<{ id: string; created: boolean }>;
}

const sectionWords: Record<string, string> = {
  evidence: 'the evidence against each promise',
  modes: 'how young people took part',
  voice: "the child's voice before meetings",
  loop: 'advocacy and telling children the outcome',
  audit: "the care council's audit",
  tracker: 'the You said, we did tracker',
  representation: 'the harder-to-hear groups',
  teams: 'the measures by team',
  districts: 'the measures by district',
  audits: "the case-file audits of the child's voice",
};

/** "Ask about this": one tracker item per person, section and digest, however often they press it. */
export async function askAboutThis(deps: { requests: ParticipationRequests }, input: AskRequest & { askedById: string; at: Date }) {
  const where = input.digest === 'cpb' ? 'the board briefing' : "the senior managers' report";
  const about = sectionWords[input.section] ?? input.section;
  return deps.requests.raise({
    // No date or reference in the text: the PII guard reads dates as possible dates of birth.
    title: `Question from ${where} about ${about}`,
    askedById: input.askedById,
    at: input.at,
    dedupeKey: `ask:${input.digest}:${input.ref}:${input.section}:${input.askedById}`,
    digest: input.digest,
  });
}
