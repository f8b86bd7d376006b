import type { ImportResult } from '../core/intake';
import template from './import-held.json';
import { renderCard, type Card } from './render';

/** A moment as an administrator reads it: "5 December 2026 at 02:00", London time. */
export const londonDateTime = (iso: string): string =>
  new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).replace(', ', ' at ');

const ENCODINGS: Record<string, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', 'windows-1252': 'Windows-1252' };
const MARKED: Record<ImportResult['kind'], string> = { children: 'closed cases', people: 'leavers', teams: 'teams no longer in use', meetings: 'cancelled' };

/** A held import in words: what would go, how many, which file, when; the same lines on the admin card and the card sent to admins. */
export function heldImportView(r: ImportResult) {
  const h = r.hold ?? { onFile: 0, limit: 0, wouldMarkGone: r.gone, wouldCancel: r.cancelled };
  const cancels = r.kind === 'meetings';
  const count = cancels ? h.wouldCancel : h.wouldMarkGone;
  const rows = `${r.received.toLocaleString('en-GB')} ${r.received === 1 ? 'row' : 'rows'}`;
  const file = r.file ? `${r.file.format.toUpperCase()}, ${rows}, ${r.file.bytes.toLocaleString('en-GB')} bytes, read as ${ENCODINGS[r.file.encoding] ?? r.file.encoding}` : rows;
  const window = r.window ? ` from ${r.window.from} to ${r.window.to}` : '';
  return {
    id: r.id,
    title: cancels
      ? `Meetings snapshot held: it would cancel ${count} of ${h.onFile} meetings`
      : `${r.kind[0]!.toUpperCase()}${r.kind.slice(1)} snapshot held: it would mark ${count} of ${h.onFile} ${r.kind} as gone`,
    wouldGo: cancels
      ? `${count} of the ${h.onFile} scheduled meetings${window} would be cancelled (the limit is ${Math.floor(h.limit)}).`
      : `${count} of the ${h.onFile} ${r.kind} on file would be marked as ${MARKED[r.kind]} (the limit is ${Math.floor(h.limit)}).`,
    alsoWrites: `${r.created} new, ${r.updated} changed, ${r.unchanged} unchanged.`,
    confirmOnlyIf: cancels
      ? 'Confirm only if these meetings really were cancelled in the case system: a cancelled meeting gets no more nudges.'
      : 'Confirm only if these really have gone from the case system: gone records are no longer nudged about, and the purge deletes them after their retention period.',
    file: `${file}; import ${r.id}`,
    received: londonDateTime(r.submittedAt),
    confirmTitle: cancels ? `Confirm: cancel ${count}` : `Confirm: mark ${count} gone`,
  };
}
export type HeldImportView = ReturnType<typeof heldImportView>;

/** The card each administrator gets when a snapshot is held: what would go, how many, which file, when; Confirm or Discard. */
export const heldImportCard = (r: ImportResult, council: string): Card => renderCard(template, { council, held: heldImportView(r) });
