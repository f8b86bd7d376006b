import { AdminActionSchema, adminVerbs } from './admin-actions';
import { adminCard, importProblemView } from './admin-card';
import { heldImportCard } from './import-held';
import type { ImportProblem } from '../core/admin';
import type { ImportResult } from '../core/intake';
import { walk } from '../tests/support/card-nodes';


const view = {
  parked: [{ id: 'p1', kind: 'nudge', to: { kind: 'person' as const, personId: 'w' }, status: 'parked' as const, enqueuedAt: '2026-11-20T08:30:00.000Z', lastError: 'connector answered 400' }],
  undelivered: [{ id: 'f1', kind: 'escalation', to: { kind: 'person' as const, personId: 'm' }, status: 'failed' as const, enqueuedAt: '2026-11-20T08:30:00.000Z', lastError: 'blocked_or_removed' }],
  blocked: [{ id: 'b1', kind: 'forum.reminder', to: { kind: 'channel' as const, channelId: '19:c' }, status: 'failed' as const, enqueuedAt: '2026-11-21T09:00:00.000Z', lastError: 'identifying_detail: name, school' }],
  posts: [{ id: 'c1', kind: 'digest.cicc', to: { kind: 'channel' as const, channelId: '19:c' }, status: 'sent' as const, enqueuedAt: '2026-11-20T09:00:00.000Z', sentAt: '2026-11-20T09:00:00.000Z', activityId: 'a1' }],
  possibleDuplicates: 0,
  bankHolidays: { coveredUntil: '2027-03-31', warn: true, monthsLeft: 4 },
};
const paused = [{ meetingId: 'M-77', voiceBy: '2026-12-01', stages: ['d-2', 'escalation'], byId: 'a', at: '2026-11-22T10:00:00.000Z' }];
const held: ImportResult = {
  id: 'imp-9', kind: 'children', mode: 'snapshot', status: 'held', received: 1, created: 0, updated: 0, unchanged: 1, cancelled: 0, gone: 59,
  rejectedCount: 0, rejected: [], warnings: [], ignoredColumns: [], notes: [], submittedAt: '2026-12-04T02:00:00.000Z',
  file: { format: 'csv', bytes: 312, encoding: 'windows-1252' }, hold: { onFile: 60, limit: 20, wouldMarkGone: 59, wouldCancel: 0 },
};
const importProblems: ImportProblem[] = [
  { id: 'imp-12', kind: 'meetings', at: '2026-10-26T01:05:00.000Z', outcome: 'rejected', http: 422, reason: 'duplicate: the same id is also on line 2', line: 9, column: 'MeetingID', rejectedRows: 3 },
  { id: 'imp-11', kind: 'people', at: '2026-07-04T01:00:00.000Z', outcome: 'refused', http: 413, reason: 'The file is larger than the import\'s limit of 50 MB (IMPORT_MAX_BYTES), so it was not read in and nothing was imported.' },
];
const card = adminCard(view, { names: { w: 'Sam Worker', m: 'Mo Manager', '19:c': '"CICC"', a: 'Ade Admin' }, paused, heldImports: [held], importProblems });

describe('the admin card', () => {
  it('matches its snapshot', () => {
    expect(card).toMatchSnapshot();
  });

  it('a bank-holiday warning is said in words, not only in colour', () => {
    const warning = walk(card).find((n) => typeof n.text === 'string' && n.text.startsWith('Warning:'));
    expect(warning).toMatchObject({ color: 'Attention', text: expect.stringContaining('31 March 2027') });
  });

  it('every button\'s data (with the form inputs Teams adds) passes its action schema', () => {
    const actions = walk(card).filter((n) => n.type === 'Action.Execute');
    expect(new Set(actions.map((a) => a.verb))).toEqual(new Set(adminVerbs));
    for (const a of actions) {
      const data = { ...(a.data as object), ...(a.verb === 'admin.pause' ? { meetingId: 'm-1', reason: '' } : {}), verb: a.verb };
      expect(AdminActionSchema.safeParse(data).success).toBe(true);
    }
  });

  it('a channel post the PII guard stopped is listed with the kinds found in words, never the words themselves', () => {
    const line = walk(card).find((n) => typeof n.text === 'string' && n.text.startsWith('- forum.reminder'));
    expect(line?.text).toBe('- forum.reminder for channel "CICC", 21 November 2026: stopped before posting: it may identify someone (a name, a school or college)');
  });

  it('a file the import stopped is listed in words: when (London time), which kind, how, where in the file, which import', () => {
    const texts = walk(card).map((n) => n.text).filter((t): t is string => typeof t === 'string');
    const at = texts.indexOf('Imports refused, rejected or failed in the last 7 days (2)');
    expect(texts.slice(at + 2, at + 10)).toEqual([
      'Meetings import rejected (HTTP 422), received 26 October 2026 at 01:05',
      '3 problems were found in it, so nothing from the file was written. The first:',
      'Line 9, column MeetingID: duplicate: the same id is also on line 2',
      'Import id: imp-12 (audited as import.meetings)',
      'People import refused (HTTP 413), received 4 July 2026 at 02:00',
      'The file was not read, so nothing from it was written.',
      "The file is larger than the import's limit of 50 MB (IMPORT_MAX_BYTES), so it was not read in and nothing was imported.",
      'Import id: imp-11 (audited as import.people)',
    ]);
    expect(JSON.stringify(adminCard(view))).toContain('None: no import was refused, rejected or failed in that time. A night with no file at all is not a refusal: it shows above, as late.');
    // A reason that already names its line is not told the line twice.
    const long = importProblemView({ id: 'i', kind: 'people', at: '2026-12-05T02:00:00.000Z', outcome: 'refused', http: 400, reason: 'Line 9 is longer than 1 MB: a row of an export is never that long', line: 9 });
    expect(long.reason).toBe('Line 9 is longer than 1 MB: a row of an export is never that long');
  });

  it('a paused meeting is listed in words, with a button to resume it', () => {
    const line = walk(card).find((n) => typeof n.text === 'string' && n.text.startsWith('Meeting M-77'));
    expect(line?.text).toBe('Meeting M-77: voice due 1 December 2026, paused on 22 November 2026 by Ade Admin');
    expect(walk(card).find((n) => n.verb === 'admin.resume')).toMatchObject({ title: 'Resume nudges', data: { meetingId: 'M-77' } });
    expect(JSON.stringify(adminCard(view))).toContain("No meeting's nudges are paused.");
  });

  it("only Pause nudges sends the pause form: every other button works with the form empty (Teams validates a button's inputs before sending)", () => {
    const actions = walk(card).filter((n) => n.type === 'Action.Execute');
    for (const a of actions) expect([a.verb, a.associatedInputs]).toEqual([a.verb, a.verb === 'admin.pause' ? 'auto' : 'none']);
  });

  it('every input has a visible label (WCAG 2.2: labels or instructions)', () => {
    for (const input of walk(card).filter((n) => String(n.type).startsWith('Input.'))) expect(input.label).toEqual(expect.any(String));
  });
});

describe('a held import', () => {
  const sent = heldImportCard(held, 'Demo Borough Council');

  it('says what would go, how many, which file and when, on the card sent to admins and on the admin card', () => {
    const all = walk(sent).flatMap((n) => [n.text, n.value, n.title].filter((t): t is string => typeof t === 'string')).join('\n');
    expect(all).toContain('59 of the 60 children on file would be marked as closed cases (the limit is 20).');
    expect(all).toContain('CSV, 1 row, 312 bytes, read as Windows-1252; import imp-9');
    expect(all).toContain('4 December 2026 at 02:00');
    expect(walk(card).some((n) => n.text === 'Imports waiting for you (1)')).toBe(true);
    expect(sent).toMatchSnapshot();
  });

  it('Confirm and Discard carry the import id through the admin action schema, on both cards', () => {
    for (const c of [sent, card]) {
      const buttons = walk(c).filter((n) => n.verb === 'admin.confirmImport' || n.verb === 'admin.discardImport');
      expect(buttons.map((b) => b.title)).toEqual(['Confirm: mark 59 gone', 'Discard']);
      for (const b of buttons) expect(AdminActionSchema.parse({ ...(b.data as object), verb: b.verb })).toEqual({ verb: b.verb, id: 'imp-9' });
    }
  });
});
