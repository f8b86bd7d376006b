import { fixedClock } from '../clock';
import { DomainError } from '../errors';
import { InMemoryForumStore, forumFacilitator as facilitator, forumOfficer as officer, forumWorker as worker } from '../testing';
import { cancelOccurrence, listUpcoming, moveOccurrence, restoreOccurrence, saveForum, type ForumDraft } from './manage-forums';
import { nextOccurrences } from './recurrence';

const draft: ForumDraft = {
  name: 'Children in Care Council',
  type: 'CICC',
  repeat: { plain: { frequency: 'monthly', ordinal: 1, weekday: 'WE' } },
  startDate: '2026-11-01',
  time: '17:00',
  place: 'Civic Centre',
  facilitatorIds: [facilitator.id],
  channelId: '19:cicc@thread.tacv2',
};

const setup = () => {
  const forums = new InMemoryForumStore();
  let n = 0;
  const deps = { forums, clock: fixedClock('2026-11-23T10:00:00Z'), newId: () => `forum-${++n}` };
  return { forums, deps };
};

const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: DomainError) => e.code);

describe('setting up forums', () => {
  it('a participation officer creates the CICC as "first Wednesday monthly 17:00", with 7- and 1-day reminders by default', async () => {
    const { deps } = setup();
    const f = await saveForum(deps, { actor: officer, draft });
    expect(f).toMatchObject({ rrule: 'FREQ=MONTHLY;BYDAY=1WE', time: '17:00', reminderOffsetsDays: [7, 1], createdBy: officer.id });
    expect((await listUpcoming(deps))[0]?.occurrences.map((o) => o.date)).toEqual(['2026-12-02', '2027-01-06', '2027-02-03']);
  });

  it('someone without the participation officer or admin role is refused, and nothing is saved', async () => {
    const { deps, forums } = setup();
    await expect(saveForum(deps, { actor: worker, draft })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(saveForum(deps, { actor: undefined, draft })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await forums.list()).toEqual([]);
  });

  it('invalid entries come back named by field', async () => {
    const { deps } = setup();
    const err = await saveForum(deps, { actor: officer, draft: { ...draft, name: '', time: '5pm' } }).catch((e: DomainError) => e);
    expect(err).toMatchObject({ code: 'INVALID' });
    expect(Object.keys((err as DomainError).details as object).sort()).toEqual(['name', 'time']);
    const rule = await saveForum(deps, { actor: officer, draft: { ...draft, repeat: { rrule: 'FREQ=SOMETIMES' } } }).catch((e: DomainError) => e);
    expect((rule as DomainError).details).toHaveProperty('repeat');
    const nowhere = await saveForum(deps, { actor: officer, draft: { ...draft, place: undefined } }).catch((e: DomainError) => e);
    expect((nowhere as DomainError).details).toHaveProperty('place');
  });

  it('a rule with no dates left is refused', async () => {
    const { deps } = setup();
    const err = await saveForum(deps, { actor: officer, draft: { ...draft, repeat: { rrule: 'FREQ=MONTHLY;BYDAY=1WE;COUNT=2' }, startDate: '2025-01-01' } }).catch((e: DomainError) => e);
    expect((err as DomainError).details).toHaveProperty('repeat');
  });

  it('editing a forum keeps its moved occurrences', async () => {
    const { deps } = setup();
    const f = await saveForum(deps, { actor: officer, draft });
    await moveOccurrence(deps, { actor: officer, forumId: f.id, originalDate: '2027-01-06', date: '2027-01-13', time: '17:00' });
    const edited = await saveForum(deps, { actor: officer, forumId: f.id, draft: { ...draft, place: 'Youth Centre' } });
    expect(edited.place).toBe('Youth Centre');
    expect(edited.overrides['2027-01-06']).toMatchObject({ status: 'moved', date: '2027-01-13' });
  });
});

describe('moving and cancelling one occurrence', () => {
  it('moving one meeting changes only that one', async () => {
    const { deps } = setup();
    const f = await saveForum(deps, { actor: officer, draft });
    const { occurrence } = await moveOccurrence(deps, { actor: officer, forumId: f.id, originalDate: '2026-12-02', date: '2026-12-09', time: '16:00', place: 'Library' });
    expect(occurrence).toMatchObject({ date: '2026-12-09', time: '16:00', status: 'moved', place: 'Library' });
    const saved = (await deps.forums.get(f.id))!.value;
    expect(nextOccurrences(saved, deps.clock.now(), 3).map((o) => `${o.date} ${o.time}`)).toEqual(['2026-12-09 16:00', '2027-01-06 17:00', '2027-02-03 17:00']);
  });

  it('cancelling one meeting leaves the rest, and it can be restored', async () => {
    const { deps } = setup();
    const f = await saveForum(deps, { actor: officer, draft });
    await cancelOccurrence(deps, { actor: officer, forumId: f.id, originalDate: '2027-01-06', reason: 'New Year' });
    let saved = (await deps.forums.get(f.id))!.value;
    expect(nextOccurrences(saved, deps.clock.now(), 3, { skipCancelled: true }).map((o) => o.date)).toEqual(['2026-12-02', '2027-02-03', '2027-03-03']);
    await restoreOccurrence(deps, { actor: officer, forumId: f.id, originalDate: '2027-01-06' });
    saved = (await deps.forums.get(f.id))!.value;
    expect(nextOccurrences(saved, deps.clock.now(), 2, { skipCancelled: true }).map((o) => o.date)).toEqual(['2026-12-02', '2027-01-06']);
  });

  it('a date the forum does not meet on cannot be moved or cancelled', async () => {
    const { deps } = setup();
    const f = await saveForum(deps, { actor: officer, draft });
    expect(await codeOf(cancelOccurrence(deps, { actor: officer, forumId: f.id, originalDate: '2026-12-03' }))).toBe('NOT_FOUND');
  });

  it('people without the role cannot move or cancel', async () => {
    const { deps } = setup();
    const f = await saveForum(deps, { actor: officer, draft });
    expect(await codeOf(moveOccurrence(deps, { actor: worker, forumId: f.id, originalDate: '2026-12-02', date: '2026-12-09', time: '17:00' }))).toBe('FORBIDDEN');
    expect(await codeOf(cancelOccurrence(deps, { actor: facilitator, forumId: f.id, originalDate: '2026-12-02' }))).toBe('FORBIDDEN');
  });

  it('a bad new time is named beside its field', async () => {
    const { deps } = setup();
    const f = await saveForum(deps, { actor: officer, draft });
    const err = (await moveOccurrence(deps, { actor: officer, forumId: f.id, originalDate: '2026-12-02', date: '2026-12-09', time: '25:00' }).catch((e) => e)) as DomainError;
    expect(err.details).toEqual({ time: ['Use a 24-hour time such as 17:00.'] });
  });

  it('problems are said in plain words', async () => {
    const { deps } = setup();
    const err = (await saveForum(deps, { actor: officer, draft: { ...draft, type: '' as never, startDate: '', onlineLink: 'http://x', reminderOffsetsDays: [NaN] } }).catch((e) => e)) as DomainError;
    expect(err.details).toEqual({
      type: ['Choose a type of forum.'],
      startDate: ['Choose the first possible date.'],
      onlineLink: ['Use a full https:// link.'],
      reminderOffsetsDays: ['Use whole numbers of days, such as 7, 1.'],
    });
  });
});
