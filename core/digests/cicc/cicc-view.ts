import { DateTime } from 'luxon';
import { LONDON } from '../../calendar/working-days';
import type { CiccDigest } from './cicc';
import { promiseLabels } from '../measures/examples-once';
import { figureCount } from '../measures/figures';
import { gated, gatedExample, SAFE_LINES } from './cicc-gate';
import type { Fact } from '../weekly/weekly-view';
import { ciccActivityLines } from '../measures/participation-view';
import { DEFAULT_THRESHOLD } from '../../safety/suppress';

/** The CICC digest in plain words for young people: no staff-written sentence above reading age 11 (cicc-gate.ts). */
export interface CiccDigestView {
  title: string;
  intro: string;
  /** 1. What changed because of what you told us: each thing once, its promise as a small label. */
  changedTitle: string;
  done: { youSaid: string; weDid: string; label: string }[];
  doneEmpty: string;
  /** Changes for children in care that others asked for: never "You told us". */
  othersTitle: string;
  othersIntro: string;
  others: { youSaid: string; weDid: string; label: string }[];
  examplesTitle: string;
  examples: { text: string; label: string }[];
  /** 2. What we are still working on that you asked for: who, and when. */
  workingTitle: string;
  working: { youSaid: string; who: string; when: string; label: string }[];
  workingMore: string;
  workingEmpty: string;
  /** 3. What we could not do, and why. (Then "Other changes for children in care", then the numbers.) */
  couldNotTitle: string;
  notPossible: { youSaid: string; why: string; label: string }[];
  /** 4. The numbers, after the words: counts of our own work, shown exactly. */
  numbersTitle: string;
  numbers: Fact[];
  chartTitle: string;
  bars: { x: string; y: number }[];
  rows: Fact[];
  note: string;
  /** "What young people did this month": group participation, numbers of young people suppressed (empty: not shown). */
  didTitle: string;
  did: { text: string }[];
  /** The printable page for young people not in Teams (empty: no button). */
  printUrl: string;
}

/** The audit card's view: each promise with the answer so far and any problem beside it. */
export interface AuditCardView {
  occurrenceId: string;
  intro: string;
  promises: { id: string; title: string; verdict: string; comment: string; problem: string }[];
  saved: string;
}

/** A fresh audit card for a CICC meeting (or one coming back with the entries kept and problems named). */
export function presentAudit(
  occurrence: { id: string; start: string },
  promises: readonly { id: string; title: string }[],
  kept: { answers?: Record<string, { verdict: string; comment: string }>; problems?: Record<string, string>; saved?: string } = {},
): AuditCardView {
  return {
    occurrenceId: occurrence.id,
    intro: `At the meeting on ${day(occurrence.start)}, say if we kept each promise. Your answers go to the people in charge at the council.`,
    promises: promises.map((p, i) => ({
      id: p.id,
      title: `Promise ${i + 1}: ${p.title}`,
      verdict: kept.answers?.[p.id]?.verdict ?? '',
      comment: kept.answers?.[p.id]?.comment ?? '',
      problem: kept.problems?.[p.id] ?? '',
    })),
    saved: kept.saved ?? '',
  };
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: LONDON }).toFormat('cccc d LLLL');

const WORKING_SHOWN = 8;

/**
 * What the two "nothing here" lines say, for each mix of done and open: never "still working on them"
 * beside "done all the things you asked for".
 */
export function ciccEmptyLines(n: { done: number; notPossible: number; open: number; openShown: number; examples: number }): { doneEmpty: string; workingEmpty: string } {
  const doneEmpty =
    n.done > 0
      ? ''
      : n.open > 0
        ? n.examples > 0
          ? 'None of the things you asked for is finished yet. But young people helped to change these:'
          : 'None of the things you asked for is finished yet. Below you can see what we are doing, and when.'
        : n.notPossible > 0
          ? 'We could not do what you asked for this time. You can see why below.'
          : 'We have no news for you about things you asked for. Tell us at the meeting what you want to change.';
  const workingEmpty =
    n.open > 0
      ? n.openShown > 0
        ? ''
        : 'We are still working on some things. We will tell you about them at the meeting.'
      : n.done > 0 && n.notPossible === 0
        ? 'We have done all the things you asked for.'
        : 'We are not working on anything else you asked for right now.';
  return { doneEmpty, workingEmpty };
}
/** "Friday 29 January", with the year when it is not the meeting's year (an old promise must not read as a future one). */
const longDay = (date: string, meeting: string) => {
  const d = DateTime.fromISO(date, { zone: LONDON });
  return d.toFormat(d.year === DateTime.fromISO(meeting, { zone: LONDON }).year ? 'cccc d LLLL' : 'cccc d LLLL yyyy');
};

export function presentCicc(d: CiccDigest, opts: { printUrl?: string; threshold?: number } = {}): CiccDigestView {
  const person = { kind: 'person' } as const; // every figure here counts the council's own work: exact anywhere
  const label = (ids: readonly (string | undefined)[]) => {
    const titles = promiseLabels(ids.filter((x): x is string => !!x), d.promises);
    return titles ? `${titles.includes(',') ? 'Promises' : 'Promise'}: ${titles}` : '';
  };
  const working = d.stillWorking.slice(0, WORKING_SHOWN);
  const empty = ciccEmptyLines({ done: d.done.length, notPossible: d.notPossible.length, open: d.stillOpen, openShown: d.stillWorking.length, examples: d.examples.length });
  return {
    title: 'What we did with what you told us',
    intro: `This is for the care council meeting on ${day(d.occurrence.start)}. It is about what we did since the last meeting on ${day(d.since)}.`,
    changedTitle: 'What changed because of what you told us',
    done: d.done.map((x) => ({ youSaid: gated(x.youSaid, SAFE_LINES.youSaid), weDid: gated(x.weDid, SAFE_LINES.weDid), label: label([x.promiseId]) })),
    ...empty,
    othersTitle: d.others.length ? 'Other changes for children in care' : '',
    othersIntro: d.others.length ? 'Other children and young people asked for these. So we did them.' : '',
    others: d.others.map((x) => ({ youSaid: gated(x.youSaid, SAFE_LINES.youSaid), weDid: gated(x.weDid, SAFE_LINES.weDid), label: label([x.promiseId]) })),
    examplesTitle: d.done.length && d.examples.length ? 'Young people also helped to change these' : '',
    examples: d.examples.map((e) => ({ text: gatedExample(e.text), label: label(e.promiseIds) })),
    workingTitle: 'What we are still working on for you',
    working: working.map((w) => ({
      youSaid: gated(w.youSaid, SAFE_LINES.working),
      who: w.who ? `Who: ${w.who}.` : 'Who: we will tell you at the meeting.',
      when: w.late ? `When: we said by ${longDay(w.due, d.occurrence.start)}. We are late with this.` : `When: by ${longDay(w.due, d.occurrence.start)}.`,
      label: label([w.promiseId]),
    })),
    // The number below counts every open item of the CICC's: the words say how many are not listed.
    workingMore: d.stillOpen > working.length && working.length > 0 ? (d.stillOpen - working.length === 1 ? 'And 1 more. Ask us about it at the meeting.' : `And ${d.stillOpen - working.length} more. Ask us about them at the meeting.`) : '',
    couldNotTitle: d.notPossible.length ? 'What we could not do, and why' : '',
    notPossible: d.notPossible.map((x) => ({ youSaid: gated(x.youSaid, SAFE_LINES.youSaid), why: gated(x.why, SAFE_LINES.why), label: label([x.promiseId]) })),
    numbersTitle: 'In numbers',
    numbers: [
      { title: 'Things we changed', value: figureCount('cicc.items-done', d.done.length, person).text, figure: 'cicc.items-done' },
      { title: 'Things we are still doing', value: figureCount('cicc.items-open', d.stillOpen, person).text, figure: 'cicc.items-open' },
      { title: 'Things we could not do', value: figureCount('cicc.items-not-possible', d.notPossible.length, person).text, figure: 'cicc.items-not-possible' },
      ...(d.others.length ? [{ title: 'Other changes for children in care', value: figureCount('cicc.items-others', d.others.length, person).text, figure: 'cicc.items-others' as const }] : []),
    ],
    chartTitle: 'Things we did for each promise',
    bars: d.promises.flatMap((p) => (p.count === 0 ? [] : [{ x: p.title, y: p.count }])),
    rows: d.promises.map((p) => ({ title: p.title, value: figureCount('cicc.examples-per-promise', p.count, person).text, figure: 'cicc.examples-per-promise' })),
    // "What young people did" counts young people (never named); the numbers below it count things we did.
    note: 'No one is named here. "In numbers" counts things we did, not people.',
    didTitle: d.activities?.activities ? 'What young people did this month' : '',
    did: d.activities ? ciccActivityLines(d.activities, opts.threshold ?? DEFAULT_THRESHOLD) : [],
    printUrl: opts.printUrl ?? '',
  };
}
