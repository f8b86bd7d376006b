import { BLOCKED_REASON, LATE_AFTER_HOURS, PROBLEMS_SHOWN, type AdminOverview, type ImportProblem, type LastImportLine, type OutboxView } from '../core/admin';
import type { ImportResult } from '../core/intake';
import { PiiKindSchema, piiKindLabel } from '../core/pii';
import type { MeetingPause } from '../core/voice';
import { heldImportView, londonDateTime } from './import-held';
import template from './admin.json';
import { renderCard, type Card } from './render';

const dateWords = (iso: string): string =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

const who = (m: OutboxView, names: Record<string, string>): string =>
  !m.to ? 'a recipient the row no longer shows' : m.to.kind === 'person' ? (names[m.to.personId] ?? 'someone no longer in the directory') : `channel ${names[m.to.channelId] ?? m.to.channelId}`;

const why = (error?: string): string => {
  if (!error) return 'no reason recorded';
  if (error.startsWith('no_conversation')) return 'the app is not installed for them';
  if (error.startsWith('blocked_or_removed')) return 'they blocked or removed the app';
  if (error.startsWith(BLOCKED_REASON)) {
    const kinds = PiiKindSchema.array().safeParse(error.slice(BLOCKED_REASON.length + 1).split(',').map((k) => k.trim()).filter(Boolean));
    const said = kinds.success && kinds.data.length ? ` (${kinds.data.map((k) => piiKindLabel[k]).join(', ')})` : '';
    return `stopped before posting: it may identify someone${said}`;
  }
  if (error.startsWith('unreadable')) return `its stored row could not be read (${error.slice(12, 100)}); it was never sent`;
  return error.slice(0, 120);
};

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** A file the nightly import stopped whole, in words: when, which kind, what happened, where in the file, which import. */
export function importProblemView(p: ImportProblem) {
  const where = p.line !== undefined ? `Line ${p.line}` : p.row !== undefined ? `Row ${p.row}` : '';
  // "Line 2: The CSV could not be read at line 2" says it twice: a reason that names its place already is left alone.
  const said = where !== '' && !p.column && p.reason.toLowerCase().includes(where.toLowerCase());
  const at = said ? '' : [where, p.column ? `column ${p.column}` : ''].filter(Boolean).join(', ');
  const problems = p.rejectedRows ?? 1;
  return {
    title: `${p.kind[0]!.toUpperCase()}${p.kind.slice(1)} import ${p.outcome === 'failed' ? 'failed in the background' : `${p.outcome} (HTTP ${p.http})`}, received ${londonDateTime(p.at)}`,
    what:
      p.outcome === 'refused'
        ? 'The file was not read, so nothing from it was written.'
        : p.outcome === 'failed'
          ? 'It was accepted (HTTP 202) but did not finish.'
          : `${plural(problems, 'problem was', 'problems were')} found in it, so nothing from the file was written.${problems > 1 ? ' The first:' : ''}`,
    reason: at ? `${at}: ${p.reason}` : p.reason,
    id: `Import id: ${p.id} (audited as import.${p.kind})`,
  };
}

function importProblemsView(problems: readonly ImportProblem[]) {
  const hidden = problems.length - PROBLEMS_SHOWN.most;
  return {
    heading: `Imports refused, rejected or failed in the last ${PROBLEMS_SHOWN.days} days (${problems.length})`,
    items: problems.slice(0, PROBLEMS_SHOWN.most).map(importProblemView),
    more: hidden > 0 ? `${hidden === 1 ? '1 earlier one is' : `${hidden} earlier ones are`} not listed here. The audit trail has every import: type admin audit with two dates.` : '',
  };
}

/** The last nightly file of each kind applied, in words; a late one says so first, and what it means for the bot. */
export function lastImportView(l: LastImportLine): string {
  const kind = `${l.kind[0]!.toUpperCase()}${l.kind.slice(1)}`;
  if (!l.at) return `Late: no ${l.kind} file has been applied yet. Check the case system's nightly export.`;
  const when = `${londonDateTime(l.at)} (import ${l.importId})`;
  return l.late
    ? `Late: ${kind}, none since ${when}, more than ${LATE_AFTER_HOURS} hours ago. Until a file arrives I work from that list: check the case system's nightly export.`
    : `${kind}: ${when}.`;
}

function lastImportsHeading(lines: readonly LastImportLine[]): string {
  const late = lines.filter((l) => l.late).length;
  return `Last nightly files applied${late > 0 ? ` (${late} late)` : ''}`;
}

/**
 * The admin card: the bank-holiday data's end, parked messages (retry or discard), nudges that could not be
 * delivered, channel posts the PII guard stopped, recent channel posts (delete), paused meetings (resume),
 * imports held by the accidental-delete threshold (confirm or discard), files the import refused or rejected
 * in the last days (never a value from the file), and the pause form. Says what each item is in words, never by
 * colour alone. `names` maps person and channel ids to display names.
 */
export function adminCard(
  view: AdminOverview,
  opts: { names?: Record<string, string>; notice?: string; paused?: readonly MeetingPause[]; heldImports?: readonly ImportResult[]; importProblems?: readonly ImportProblem[]; lastImports?: readonly LastImportLine[] } = {},
): Card {
  const names = opts.names ?? {};
  const b = view.bankHolidays;
  return renderCard(template, {
    ...(opts.notice ? { notice: opts.notice } : {}),
    heldImports: (opts.heldImports ?? []).map(heldImportView),
    importProblems: importProblemsView(opts.importProblems ?? []),
    // Absent where the host has no imports: no section at all.
    lastImports: (opts.lastImports ?? []).map(lastImportView),
    lastImportsHeading: lastImportsHeading(opts.lastImports ?? []),
    bankHolidays: {
      warn: b.warn,
      words: b.warn
        ? `Warning: the shipped bank-holiday list ends on ${dateWords(b.coveredUntil)}. Update it (README, "Working days and time") before then, or working-day deadlines after it will be wrong.`
        : `The shipped bank-holiday list covers dates up to ${dateWords(b.coveredUntil)} (${b.monthsLeft} months from now).`,
    },
    parked: view.parked.slice(0, 20).map((m) => ({ id: m.id, line: `${m.kind} to ${who(m, names)}, queued ${dateWords(m.enqueuedAt)}: ${why(m.lastError)}` })),
    undelivered: view.undelivered.slice(0, 30).map((m) => ({ id: m.id, line: `${m.kind} to ${who(m, names)}, ${dateWords(m.enqueuedAt)}: ${why(m.lastError)}` })),
    paused: (opts.paused ?? []).slice(0, 30).map((p) => ({
      meetingId: p.meetingId,
      line: `Meeting ${p.meetingId}: voice due ${dateWords(`${p.voiceBy}T12:00:00Z`)}, paused on ${dateWords(p.at)} by ${names[p.byId] ?? 'an administrator'}`,
    })),
    blocked: view.blocked.slice(0, 20).map((m) => ({ id: m.id, line: `${m.kind} for ${who(m, names)}, ${dateWords(m.enqueuedAt)}: ${why(m.lastError)}` })),
    duplicates:
      view.possibleDuplicates > 0
        ? `${view.possibleDuplicates} message(s) sent in the last 30 days had an earlier attempt that timed out or failed after Teams may have accepted it: they may have arrived twice (docs/outbox.md).`
        : '',
    posts: view.posts.map((m) => ({ id: m.id, line: `${m.kind} in ${who(m, names)}, ${dateWords(m.sentAt ?? m.enqueuedAt)}` })),
  });
}
