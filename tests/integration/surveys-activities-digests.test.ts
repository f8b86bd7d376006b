import { cpbBriefingCards } from '../../cards/digests-cpb';
import { ciccDigestCards } from '../../cards/digests-cicc';
import type { Activity } from '../../core/activities';
import { computeCiccDigest, presentCicc, computeCpbBriefing, presentCpb, monthPeriod, computeSeniorReport, presentSenior, piiTextGuard, readingLevel } from '../../core/digests';
import { inMemoryAuditStore, inMemoryCohortFacts, inMemoryExampleFacts, inMemoryForumCalendar, inMemoryTrackerFacts, inMemoryVoiceFacts } from '../../core/testing';
import { defaultPromises } from '../../core/model';
import type { Survey } from '../../core/surveys';
import { loadConfig } from '../../functions/config';
import { buildServices, type Services } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';

const NOW = new Date('2026-11-26T08:00:00Z');
const cpb = { id: 'cpb-dec', forum: 'CPB' as const, start: '2026-12-03T14:00:00Z' };
const cicc = { id: 'cicc-dec', forum: 'CICC' as const, start: '2026-12-01T17:00:00Z' };
const forums = inMemoryForumCalendar([{ id: 'cpb-sep', forum: 'CPB', start: '2026-09-03T13:00:00Z' }, cpb, { id: 'cicc-nov', forum: 'CICC', start: '2026-11-03T17:00:00Z' }, cicc]);

const survey = (to: string, results: Survey['results']): Survey => ({ id: `bright-spots_${to}`, name: 'Bright Spots', from: `${to.slice(0, 4)}-09-01`, to, importedAt: `${to}T12:00:00.000Z`, importedById: 'po', results });
const activity = (id: string, kind: Activity['kind'], on: string, youngPeople: number, more: Partial<Activity> = {}): Activity => ({
  id, kind, on, youngPeople, hours: 2, promiseIds: ['dreams'], recognition: [], loggedById: 'po', loggedAt: `${on}T18:00:00.000Z`, ...more,
});

let azurite: RunningAzurite;
let services: Services;
beforeAll(async () => {
  azurite = await startAzurite();
  services = buildServices(loadConfig({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix() }));
  await services.surveys.save(survey('2025-10-31', [
    { question: 'I feel safe where I live', group: 'Children in care', answering: 50, agreeing: 70 },
    { question: 'I feel settled', group: 'Care leavers', answering: 30, agreeing: 50 },
  ]));
  await services.surveys.save(survey('2026-10-31', [
    { question: 'I feel safe where I live', group: 'Children in care', answering: 60, agreeing: 80 },
    { question: 'I feel settled', group: 'Care leavers', answering: 4, agreeing: 75 },
    { question: 'I can see my friends', group: 'Children in care', answering: 40, agreeing: 55 },
  ]));
  for (const a of [
    activity('a1', 'interview_panel', '2026-11-10', 6, { recognition: ['voucher'] }),
    activity('a2', 'interview_panel', '2026-10-01', 5),
    activity('a3', 'training', '2026-11-12', 3, { recognition: ['certificate'], hours: 3 }),
    activity('a4', 'peer_inspection', '2026-11-14', 8, { recognition: ['accreditation'] }),
    activity('old', 'consultation_event', '2026-06-01', 20),
  ]) await services.activities.save(a);
});
afterAll(() => azurite.stop());

const empty = { voice: inMemoryVoiceFacts([]), examples: inMemoryExampleFacts([]), tracker: inMemoryTrackerFacts([]), audits: inMemoryAuditStore(), cohort: inMemoryCohortFacts([]) };
const factOf = (section: { facts: { title: string; value: string }[] } | undefined, title: string) => section?.facts.find((f) => f.title === title)?.value;

describe('the board sees surveys and group participation', () => {
  it('the latest survey against the previous, question by question, a small group suppressed', async () => {
    const b = await computeCpbBriefing({ ...empty, forums, participation: { surveys: services.surveys, activities: services.activities } }, { occurrence: cpb, now: NOW, promises: defaultPromises, guard: piiTextGuard });
    const view = presentCpb(b);
    const s = view.sections.find((x) => x.title.endsWith('What young people told us in surveys'));
    expect(s?.intro).toMatch(/^Bright Spots: 1 September 2026 to 31 October 2026, against 1 September 2025 to 31 October 2025\. The share/);
    expect(factOf(s, 'I feel safe where I live (Children in care)')).toBe('48 of 60 (80%) agreed; before: 70% (up 10 points)');
    // Four care leavers answered: the share is a number of young people below the threshold.
    expect(factOf(s, 'I feel settled (Care leavers)')).toBe('not shown (fewer than 5 in all) agreed; before: 50%');
    expect(factOf(s, 'I can see my friends (Children in care)')).toBe('22 of 40 (55%) agreed; not asked before');
    expect(JSON.stringify(cpbBriefingCards(view))).toContain('What young people told us in surveys');
  });

  it('group participation since the last board: activities exact, small numbers of young people hidden so they cannot be worked out, nor the hours beside them', async () => {
    const b = await computeCpbBriefing({ ...empty, forums, participation: { surveys: services.surveys, activities: services.activities } }, { occurrence: cpb, now: NOW, promises: defaultPromises, guard: piiTextGuard });
    const s = presentCpb(b).sections.find((x) => x.title.endsWith('What young people did: group participation'));
    expect(factOf(s, 'Interview panel')).toBe('2 activities, 11 young people, 22 hours of their time');
    expect(factOf(s, 'Training delivered by young people')).toBe('1 activity, young people: fewer than 5, hours of their time: held back');
    // The training's 3 is hidden, so the next smallest (peer inspection's 8) is held back too: the total stays.
    expect(factOf(s, 'Peer inspection')).toBe('1 activity, young people: not shown, hours of their time: held back');
    // The total hours less the panels' 22 would give 25 = 3 x 3 + 8 x 2: held back with the hidden counts.
    expect(factOf(s, 'All activities')).toBe('4 activities, 22 young people, hours of their time: held back');
    expect(factOf(s, 'Young people thanked')).toBe('voucher: held back; certificate: held back; accreditation: held back');
    expect(s?.lines[0]?.text).toBe('Promises it touched: Dreams (4).');
  });

  it("no hidden number of young people can be worked back from the hours of their time or the thanks they were given", async () => {
    const b = await computeCpbBriefing({ ...empty, forums, participation: { surveys: services.surveys, activities: services.activities } }, { occurrence: cpb, now: NOW, promises: defaultPromises, guard: piiTextGuard });
    const s = presentCpb(b).sections.find((x) => x.title.endsWith('What young people did: group participation'));
    const facts = s?.facts ?? [];
    // Hours are each activity's length times the young people there: one 3-hour training said "9 hours", so 3 young people.
    for (const f of facts.filter((x) => /young people: (fewer than 5|not shown)/.test(x.value))) expect(f.value).not.toMatch(/\d+ hours/);
    // Only the peer inspection gave a qualification: "accreditation: 8" gave away the 8 held back beside it.
    expect(factOf(s, 'Young people thanked')).not.toMatch(/\d/);
    // Said in words on the card, not left to be guessed.
    expect(s?.lines.map((l) => l.text).join(' ')).toContain('so no young person can be picked out');
  });

  it('the senior report shows the latest survey against the previous too', async () => {
    const r = await computeSeniorReport({ ...empty, participation: { surveys: services.surveys } }, { period: monthPeriod(2026, 11), now: NOW, teams: [], promises: defaultPromises });
    const s = presentSenior(r, { now: NOW }).sections.find((x) => x.title.endsWith('What young people told us in surveys'));
    expect(factOf(s, 'I feel safe where I live (Children in care)')).toBe('48 of 60 (80%) agreed; before: 70% (up 10 points)');
  });
});

describe('the Children in Care Council reads what young people did this month', () => {
  it('short sentences, with small numbers of young people hidden, and how they were thanked', async () => {
    const d = await computeCiccDigest({ tracker: inMemoryTrackerFacts([]), examples: inMemoryExampleFacts([]), forums, participation: { activities: services.activities } }, { occurrence: cicc, now: NOW, promises: defaultPromises, guard: piiTextGuard });
    const view = presentCicc(d);
    expect(view.didTitle).toBe('What young people did this month');
    expect(view.did.map((x) => x.text)).toEqual([
      '6 young people helped choose new staff on an interview panel. They got a voucher to say thank you.',
      'Fewer than 5 young people helped train our staff. They got a certificate to say thank you.',
      '8 young people checked how well one of our services works. They got an award to say thank you.',
    ]);
    expect(JSON.stringify(ciccDigestCards(view))).toContain('Fewer than 5 young people helped train our staff.');
    // Young people read it: the same limit as the rest of the digest (reading age 11, grade plus 5).
    expect(readingLevel([view.didTitle, ...view.did.map((x) => x.text)].join('. ')).grade + 5).toBeLessThanOrEqual(11);
  });
});
