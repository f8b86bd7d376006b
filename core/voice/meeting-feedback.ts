import { findPii, generalTermsProblem, piiKindLabel, type PiiFinding } from '../pii';
import { ListenedSchema, WOULD_HELP_MAX, type FeedbackFrom, type MeetingFeedbackFields, type MeetingFeedbackForm } from '../model/feedback';

export type FeedbackErrors = Partial<Record<keyof MeetingFeedbackForm, string>>;
/** What the form holds, without the "You said" links (kept from the record already saved). */
export type FeedbackValue = Omit<MeetingFeedbackFields, 'childYouSaidId' | 'parentsYouSaidId'>;

/** The kinds of detail the guard found, in words ("a name, a postcode"). */
export const piiWords = (found: readonly PiiFinding[]): string => [...new Set(found.map((f) => piiKindLabel[f.kind].toLowerCase()))].join(', ');

const NO_ANSWER = ['', 'not_answered'];
const yesNo = (v: string | undefined): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);
const who: Record<FeedbackFrom, string> = { child: 'the child was', parents: 'the parents were' };

/** What would have helped, in general terms: short, nothing that identifies anyone, not the person's own words. */
export function wouldHelpProblem(text: string): string | undefined {
  if (text.length > WOULD_HELP_MAX) return `Keep this under ${WOULD_HELP_MAX} characters.`;
  const found = findPii(text);
  if (found.length > 0) return `This looks like it identifies someone (${piiWords(found)}): say what would have helped in general terms, without names, places or dates of birth.`;
  return generalTermsProblem(text);
}

function side(form: MeetingFeedbackForm, from: FeedbackFrom, errors: FeedbackErrors): Partial<FeedbackValue> {
  const k = from === 'child'
    ? { offered: 'feedbackFormOffered', listened: 'childListened', help: 'childWouldHelp' } as const
    : { offered: 'parentsFeedbackOffered', listened: 'parentsListened', help: 'parentsWouldHelp' } as const;
  const offered = yesNo(form[k.offered]);
  const rawListened = (form[k.listened] ?? '').trim();
  const parsed = NO_ANSWER.includes(rawListened) ? undefined : ListenedSchema.safeParse(rawListened);
  const help = (form[k.help] ?? '').trim();
  if (parsed && !parsed.success) errors[k.listened] = 'Choose how well they felt listened to: well, partly or not well.';
  // Answers only where the form was offered: an answer beside "not offered" is one of the two wrong.
  else if (parsed && offered !== true) errors[k.listened] = offered === false
    ? `You said ${who[from]} not offered the form: change that to "Yes", or choose "No answer".`
    : `Say first whether ${who[from]} offered the feedback form.`;
  if (help && !parsed) errors[k.help] = 'Choose how well they felt listened to first: what would have helped comes with their answer.';
  else if (help) { const p = wouldHelpProblem(help); if (p) errors[k.help] = p; }
  const listened = parsed?.success ? parsed.data : undefined;
  return {
    ...(offered === undefined ? {} : { [k.offered]: offered }),
    ...(listened ? { [k.listened]: listened } : {}),
    ...(listened && help ? { [k.help]: help } : {}),
  };
}

/**
 * Checks the feedback questions of an after-meeting card (the worker's or the chair's): whether the
 * child, and apart the parents, were offered the form; their answer only if offered; what would have
 * helped only with an answer, in general terms and passing the PII guard. Each problem beside its field.
 */
export function validateFeedback(form: MeetingFeedbackForm, opts: { childOfferedRequired: boolean }): { value: FeedbackValue; errors: FeedbackErrors } {
  const errors: FeedbackErrors = {};
  const value = { ...side(form, 'child', errors), ...side(form, 'parents', errors) };
  if (opts.childOfferedRequired && value.feedbackFormOffered === undefined) errors.feedbackFormOffered = 'Say whether the child was offered the feedback form.';
  return { value, errors };
}

/** The record's feedback as the card's form shows it. */
export function feedbackForm(r: MeetingFeedbackFields | undefined): MeetingFeedbackForm {
  if (!r) return {};
  const yn = (b: boolean | undefined) => (b === undefined ? undefined : b ? 'yes' : 'no');
  const answer = (offered: boolean | undefined, l: string | undefined) => (l ?? (offered ? 'not_answered' : undefined));
  return {
    feedbackFormOffered: yn(r.feedbackFormOffered),
    childListened: answer(r.feedbackFormOffered, r.childListened),
    childWouldHelp: r.childWouldHelp,
    parentsFeedbackOffered: yn(r.parentsFeedbackOffered),
    parentsListened: answer(r.parentsFeedbackOffered, r.parentsListened),
    parentsWouldHelp: r.parentsWouldHelp,
  };
}

/** Saved "what would have helped" not yet raised (the card offers the button), and raised already. */
export const raiseState = (r: MeetingFeedbackFields | undefined): { canRaise: Record<FeedbackFrom, boolean>; raised: Record<FeedbackFrom, boolean> } => ({
  canRaise: { child: Boolean(r?.childWouldHelp && !r.childYouSaidId), parents: Boolean(r?.parentsWouldHelp && !r.parentsYouSaidId) },
  raised: { child: Boolean(r?.childYouSaidId), parents: Boolean(r?.parentsYouSaidId) },
});

/** The "You said" items already raised from a record, kept when it is saved again. */
export const youSaidLinks = (r: MeetingFeedbackFields | undefined): Pick<MeetingFeedbackFields, 'childYouSaidId' | 'parentsYouSaidId'> => ({
  ...(r?.childYouSaidId ? { childYouSaidId: r.childYouSaidId } : {}),
  ...(r?.parentsYouSaidId ? { parentsYouSaidId: r.parentsYouSaidId } : {}),
});

/** Only the feedback fields, for an audit entry: what was offered and answered, never the text. */
export const feedbackAudit = (v: FeedbackValue): Record<string, unknown> => ({
  ...(v.feedbackFormOffered === undefined ? {} : { feedbackFormOffered: v.feedbackFormOffered }),
  ...(v.childListened ? { childListened: v.childListened } : {}),
  ...(v.parentsFeedbackOffered === undefined ? {} : { parentsFeedbackOffered: v.parentsFeedbackOffered }),
  ...(v.parentsListened ? { parentsListened: v.parentsListened } : {}),
});
