import { DateTime } from 'luxon';
import { LONDON } from '../calendar/working-days';
import { showCount } from '../safety/suppress';
import type { CiccDigest } from './cicc';

/** The CICC digest in plain words for young people (kept at or below reading age 11 by a test). */
export interface CiccDigestView {
  title: string;
  intro: string;
  done: { youSaid: string; weDid: string }[];
  doneEmpty: string;
  notPossible: { youSaid: string; why: string }[];
  stillOpen: string;
  promises: { title: string; count: string; highlights: { text: string }[] }[];
  chartTitle: string;
  bars: { x: string; y: number }[];
  rows: { title: string; value: string }[];
  note: string;
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
    intro: `At the meeting on ${day(occurrence.start)}, say if we kept each promise. Your answers go to the board.`,
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

// A sentence that suits "fewer than 5" as well as a number.
const things = (text: string) => (text === '1' ? '1 thing' : `${text} things`);

export function presentCicc(d: CiccDigest, opts: { threshold?: number; printUrl?: string } = {}): CiccDigestView {
  const t = opts.threshold;
  const open = showCount(d.stillOpen, t).text;
  return {
    title: 'What we did with what you told us',
    intro: `This is for the care council meeting on ${day(d.occurrence.start)}. It is about what we did since the last meeting on ${day(d.since)}.`,
    done: d.done,
    doneEmpty: d.done.length ? '' : 'We have not finished any of your asks since the last meeting. We are still working on them.',
    notPossible: d.notPossible,
    stillOpen: d.stillOpen === 0 ? 'We have done all the things you asked for.' : `We are still working on ${things(open)} you told us about.`,
    promises: d.promises.map((p, i) => ({
      title: `Promise ${i + 1}: ${p.title}`,
      count: p.count === 0 ? 'We have no news for this promise yet.' : `We found ${things(showCount(p.count, t).text)} we did for this promise.`,
      highlights: p.highlights.map((text) => ({ text })),
    })),
    chartTitle: 'Things we did for each promise',
    bars: d.promises.flatMap((p) => {
      const v = showCount(p.count, t).value;
      return v === null ? [] : [{ x: p.title, y: v }];
    }),
    rows: d.promises.map((p) => ({ title: p.title, value: showCount(p.count, t).text })),
    note: 'No one is named here. Small numbers are shown as "fewer than 5" to keep you safe.',
    printUrl: opts.printUrl ?? '',
  };
}
