import { DateTime } from 'luxon';
import { activityKindLabel, recognitionLabel, type ActivityKind, type Recognition } from '../../activities';
import { LONDON } from '../../calendar/working-days';
import type { SurveyComparison } from '../../surveys';
import { trendOf } from '../cpb/cpb-view';
import { channelAudience, figureCount, figureFrom, figureRate, figureRow, type FigureId } from './figures';
import type { ActivitySummary } from './participation';
import type { Fact } from '../weekly/weekly-view';

/** The parts of a section these views fill; the board briefing and the senior report wrap them as their own sections. */
export interface ParticipationSection {
  id: string;
  title: string;
  intro: string;
  facts: Fact[];
  lines: { text: string }[];
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: LONDON }).toFormat('d LLLL yyyy');
const QUESTIONS_SHOWN = 15;

/**
 * Surveys: for each survey, the latest against the one before, question by question; the share agreeing is
 * a rate on young people, so a small group (or few agreeing, or few not) is suppressed like any other.
 */
export function surveySection(surveys: readonly SurveyComparison[], figure: Extract<FigureId, 'cpb.survey-agreeing' | 'senior.survey-agreeing'>, t: number): ParticipationSection {
  const a = channelAudience(t);
  const many = surveys.length > 1;
  const facts: Fact[] = [];
  const lines: { text: string }[] = [];
  const which: string[] = [];
  for (const s of surveys) {
    const shown = s.questions.slice(0, QUESTIONS_SHOWN);
    which.push(`${s.name}: ${day(s.latest.from)} to ${day(s.latest.to)}${s.previous ? `, against ${day(s.previous.from)} to ${day(s.previous.to)}` : ' (the first on file: no earlier survey to compare)'}.`);
    for (const q of shown) {
      const now = figureRate(figure, q.now, a);
      const before = q.before ? figureRate(figure, q.before, a) : undefined;
      facts.push({ title: `${many ? `${s.name}: ` : ''}${q.question} (${q.group})`, value: before ? trendOf(now, before).replace('; before:', ' agreed; before:') : `${now.text} agreed; not asked before`, figure });
    }
    if (s.questions.length > shown.length) lines.push({ text: `And ${s.questions.length - shown.length} more questions in the ${s.name} survey's own report.` });
  }
  return {
    id: 'surveys',
    title: 'What young people told us in surveys',
    intro: surveys.length ? `${which.join(' ')} The share of young people agreeing with each question, against the survey before (the same question, asked of the same group).` : 'No survey results have been imported yet.',
    facts,
    lines,
  };
}

/** Group participation that changes services: activities and hours exact (our own records), young people suppressed in small numbers. */
export function activitiesSection(s: ActivitySummary, t: number): ParticipationSection {
  const a = channelAudience(t);
  const kinds = s.byKind.filter((k) => k.activities > 0);
  // Young people by kind add up to the total shown: primary and secondary suppression together.
  const people = figureRow('cpb.activity-young-people', kinds.map((k) => k.youngPeople), a);
  // Hours are length times young people, and the thanks are sums of the same young people: each is held back
  // with a hidden count it could give away (a kind's hours with its own; the totals and thanks with any).
  const all = [...people.cells, people.total];
  // Recognition kinds overlap (one activity may give a voucher and a certificate), so no total is shown: each is suppressed alone.
  const recognised = s.recognised.map((r) => figureFrom('cpb.activity-recognised', r.youngPeople, all, a));
  const count = (n: number) => `${figureCount('cpb.activities', n, a).text} ${n === 1 ? 'activity' : 'activities'}`;
  const young = (c: { value: number | null; text: string }) => (c.value === null ? `young people: ${c.text}` : `${c.text} young people`);
  const hours = (h: number, from: readonly { value: number | null; text: string }[]) => {
    const c = figureFrom('cpb.activity-hours', h, from, a);
    return c.value === null ? `hours of their time: ${c.text}` : `${c.text} hours of their time`;
  };
  const heldBack = all.some((c) => c.value === null);
  return {
    id: 'activities',
    title: 'What young people did: group participation',
    intro: s.activities
      ? 'Interview panels, training, peer inspection and other work that changes services. Young people are counted each time they took part.'
      : 'No group participation was logged in this period.',
    facts: s.activities
      ? [
          ...kinds.map((k, i) => ({ title: activityKindLabel[k.kind], value: `${count(k.activities)}, ${young(people.cells[i]!)}, ${hours(k.hours, [people.cells[i]!])}`, figure: 'cpb.activity-young-people' as const })),
          { title: 'All activities', value: `${count(s.activities)}, ${young(people.total)}, ${hours(s.hours, all)}`, figure: 'cpb.activities' },
          { title: 'Young people thanked', value: s.recognised.map((r, i) => `${recognitionLabel[r.how].toLowerCase()}: ${recognised[i]!.text}`).join('; '), figure: 'cpb.activity-recognised' },
        ]
      : [],
    lines: [
      ...(s.promises.some((p) => p.count)
        ? [{ text: `Promises it touched: ${s.promises.filter((p) => p.count).map((p) => `${p.title} (${figureCount('cpb.activity-promises', p.count, a).text})`).join(', ')}.` }]
        : []),
      ...(heldBack ? [{ text: activityHeldBack(t) }] : []),
    ],
  };
}

/** Said on the card whenever a number of young people is hidden, so the gaps are explained in words. */
export const activityHeldBack = (t: number): string =>
  `Where fewer than ${t} young people took part, that number is not shown, and the hours and thanks that would give it away are held back, so no young person can be picked out.`;

/** What each kind of activity is, in words a young person reads easily. */
const DID: Record<ActivityKind, string> = {
  interview_panel: 'helped choose new staff on an interview panel',
  training: 'helped train our staff',
  peer_inspection: 'checked how well one of our services works',
  young_commissioners: 'helped choose the services we pay for',
  consultation_event: 'came to an event to tell us what they think',
  other: 'took part in other group work with us',
};
// "a qualification" read at 13 in the CICC's sentence: an accredited award is "an award" to a 12-year-old.
const GOT: Record<Recognition, string> = { voucher: 'a voucher', certificate: 'a certificate', accreditation: 'an award' };
const orList = (xs: readonly string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}` : (xs[0] ?? ''));

/** "What young people did this month" for the CICC digest: short sentences, numbers of young people suppressed as in any channel. */
export function ciccActivityLines(s: ActivitySummary, t: number): { text: string }[] {
  const a = channelAudience(t);
  return s.byKind
    .filter((k) => k.activities > 0)
    .map((k) => {
      const n = figureCount('cicc.activity-young-people', k.youngPeople, a);
      const who = n.value === null ? `${n.text.charAt(0).toUpperCase()}${n.text.slice(1)} young people` : n.value === 1 ? 'One young person' : `${n.text} young people`;
      const got = k.recognition.length ? ` They got ${orList(k.recognition.map((r) => GOT[r]))} to say thank you.` : '';
      return { text: `${who} ${DID[k.kind]}.${got}` };
    });
}
