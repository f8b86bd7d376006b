import { cardSafeReason, failedImport, rejectedImport, refusedImport } from './import-problems';

describe('a stopped import in words an admin card can carry', () => {
  it('a duplicate keeps where the first copy is, never the id itself (a child\'s case reference)', () => {
    expect(cardSafeReason('duplicate: AB-1234 is also on line 4')).toBe('duplicate: the same id is also on line 4');
    expect(cardSafeReason('duplicate: AB-1234 is also on row 2')).toBe('duplicate: the same id is also on row 2');
  });

  it("the CSV and JSON parsers' own words, which quote the line, are left to the answer the case system got", () => {
    const csv = cardSafeReason('The CSV could not be read at line 7: Invalid Opening Quote: a quote is found on field 0 at line 7, value is "AB-1234 \\"Jo"');
    expect(csv).toBe("The CSV could not be read at line 7: a quote or a separator is out of place (the answer to the case system has the parser's own words)");
    const json = cardSafeReason('The JSON could not be read: Unexpected token \'A\', "[{"ref": AB-1234}]" is not valid JSON');
    expect(json).not.toContain('AB-1234');
  });

  it('words without a value from the file are kept as they are, and a long one is cut', () => {
    const bst = '01:30 on 25 October 2026 happens twice in London (the clocks go back from 02:00 to 01:00 that night)';
    expect(cardSafeReason(bst)).toBe(bst);
    expect(cardSafeReason('x'.repeat(500))).toHaveLength(400);
  });

  it('a rejected import is named by its first problem and how many rows had one; a refused one by its line, if it had one', () => {
    const r = rejectedImport({
      id: 'i1', kind: 'children', mode: 'strict', status: 'rejected', received: 3, created: 0, updated: 0, unchanged: 0, cancelled: 0, gone: 0, rejectedCount: 2,
      rejected: [{ line: 4, column: 'ref', reason: 'duplicate: AB-1234 is also on line 2' }, { line: 5, column: 'legal_status', reason: 'must be one of: CIN, CP, CLA, CARE_LEAVER' }],
      warnings: [], ignoredColumns: [], notes: [], submittedAt: '2026-12-05T02:00:00.000Z',
    });
    expect(r).toEqual({ id: 'i1', kind: 'children', at: '2026-12-05T02:00:00.000Z', outcome: 'rejected', http: 422, reason: 'duplicate: the same id is also on line 2', line: 4, column: 'ref', rejectedRows: 2 });
    const lost = { id: 'i3', kind: 'meetings' as const, mode: 'strict' as const, status: 'failed' as const, received: 0, created: 0, updated: 0, unchanged: 0, cancelled: 0, gone: 0, rejectedCount: 0, rejected: [], warnings: [], ignoredColumns: [], notes: [], submittedAt: '2026-12-05T02:00:00.000Z', error: 'connect ECONNREFUSED 10.0.0.4:443 while writing AB-1234' };
    // A platform error's message is for the log: the card says where to look.
    expect(failedImport(lost).reason).toMatch(/^The background import failed on every attempt: the function app's log has the error/);
    expect(failedImport(lost, 'The uploaded file was not found; send it again.')).toMatchObject({ outcome: 'failed', http: 202, reason: 'The uploaded file was not found; send it again.' });
    expect(refusedImport({ id: 'i2', kind: 'people', at: '2026-12-05T02:00:00.000Z', http: 400, reason: 'Line 9 is longer than 1 MB', line: 9 })).toMatchObject({ outcome: 'refused', line: 9 });
  });
});
