import { missingColumns, readRows, type SourceRow } from './rows';

const W = '11111111-1111-4111-8111-111111111111';
const csvRows = (columns: string[], ...lines: string[][]): { rows: SourceRow[]; columns: string[]; format: 'csv' } => ({
  columns,
  format: 'csv',
  rows: lines.map((cells, i) => ({ at: { line: i + 2 }, values: Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? ''])) })),
});

describe('reading import rows', () => {
  it('accepts the words a case system exports: labels, yes/no, semicolon lists, GUIDs in capitals', () => {
    const file = csvRows(
      ['Ref', 'Worker ID', 'team_id', 'birth_month', 'Legal Status', 'groups', 'new_to_care'],
      ['GT-1', W.toUpperCase(), 'north', '12/03/2015', 'Child protection plan', 'Disabled; placed out of area', 'Yes'],
    );
    const { valid, rejected } = readRows('children', file);
    expect(rejected).toEqual([]);
    expect(valid[0]!.value).toEqual({
      ref: 'GT-1',
      workerId: W,
      teamId: 'north',
      birthMonth: '2015-03',
      legalStatus: 'CP',
      groups: ['disabled', 'placed_out_of_area'],
      newToCare: true,
    });
  });

  it('reads a meeting time without an offset as London time, across the clock change', () => {
    const file = csvRows(['id', 'child_ref', 'type', 'start'], ['M1', 'GT-1', 'ICPC', '2027-03-28 09:30'], ['M2', 'GT-1', 'ICPC', '27/03/2027 09:30']);
    const { valid } = readRows<{ start: string }>('meetings', file);
    expect(valid.map((r) => new Date(r.value.start).toISOString())).toEqual(['2027-03-28T08:30:00.000Z', '2027-03-27T09:30:00.000Z']);
  });

  it('rejects a second row with the same id, naming the first', () => {
    const file = csvRows(['id', 'name', 'district'], ['north', 'North', 'N'], ['north', 'North again', 'N']);
    expect(readRows('teams', file).rejected).toEqual([{ line: 3, column: 'id', reason: 'duplicate: north is also on line 2' }]);
  });

  it('maps a council column name to a canonical one', () => {
    const file = { ...csvRows(['TeamCode', 'name', 'district'], ['north', 'North', 'N']), columnMap: { teams: { TeamCode: 'id' } } };
    expect(readRows('teams', file).valid.map((r) => r.id)).toEqual(['north']);
    expect(missingColumns('teams', file.columns, file.columnMap)).toEqual([]);
    expect(missingColumns('teams', file.columns)).toEqual(['id']);
  });

  it('names a missing value as required and a bad list item by its allowed values', () => {
    const file = csvRows(['id', 'upn', 'display_name', 'roles'], ['', 'a@b.c', 'A', 'social worker;wizard']);
    const { rejected } = readRows('people', file);
    expect(rejected).toEqual([
      { line: 2, column: 'id', reason: 'is required' },
      { line: 2, column: 'roles', reason: expect.stringMatching(/^must be one of: social_worker, manager/) },
    ]);
  });
});

it('rejects two people with the same sign-in name', () => {
  const file = csvRows(
    ['id', 'upn', 'display_name', 'roles'],
    [W, 'sam@council.example', 'Sam', 'manager'],
    ['22222222-2222-4222-8222-222222222222', 'SAM@council.example', 'Sam Two', 'manager'],
  );
  expect(readRows('people', file).rejected).toEqual([{ line: 3, column: 'upn', reason: 'duplicate: SAM@council.example is also on line 2' }]);
});
