import { lastImportLines } from './last-imports';

const NOW = new Date('2026-12-05T09:00:00Z');

describe('the last nightly file of each kind, on the admin card', () => {
  it('is late after 26 hours, or when none was ever applied; teams are shown once sent and never called late', () => {
    const lines = lastImportLines(
      [
        { kind: 'people', importId: 'p', at: '2026-12-05T02:00:00Z' }, // last night
        { kind: 'meetings', importId: 'm', at: '2026-12-04T06:59:00Z' }, // 26 h 1 min ago
        { kind: 'teams', importId: 't', at: '2026-09-01T02:00:00Z' },
      ],
      NOW,
    );
    expect(lines).toEqual([
      { kind: 'people', importId: 'p', at: '2026-12-05T02:00:00Z', late: false },
      { kind: 'children', late: true },
      { kind: 'meetings', importId: 'm', at: '2026-12-04T06:59:00Z', late: true },
      { kind: 'teams', importId: 't', at: '2026-09-01T02:00:00Z', late: false },
    ]);
  });

  it('a file 25 hours old is not late yet, and without any teams file there is no teams line', () => {
    const lines = lastImportLines([{ kind: 'children', importId: 'c', at: '2026-12-04T08:00:00Z' }], NOW);
    expect(lines.map((l) => [l.kind, l.late])).toEqual([['people', true], ['children', false], ['meetings', true]]);
  });
});
