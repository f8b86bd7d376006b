// The demo council's recent past, so every digest has numbers to show in the Playground: past meetings with
// voice records and after-meeting answers, escalations, participation examples, "You said, we did" items,
// the Children in Care Council and the Corporate Parenting Board as forums, the CICC's last audit, and the
// channels each audience's digest goes to. Deterministic, fictional, and written in plain words with no
// child's name or reference in any text that may reach a channel.
import { isAssessment, type Meeting } from '../core';
import { englandAndWales as cal, londonDate, londonInstant, type IsoDate } from '../core/calendar';
import type { ChannelMapping } from '../core/channels';
import { shiftDate } from '../core/digests';
import type { PromiseAudit } from '../core/digests';
import type { Example } from '../core/examples';
import type { Forum } from '../core/forums';
import type { HarderToHearGroup, LundyElement, ParticipationMode } from '../core/model';
import type { TrackerItem } from '../core/tracker';
import type { AfterMeetingRecord, NudgeFact, VoiceRecord } from '../core/voice';
import { DEMO_IRO, DEMO_PEOPLE, demoId, type DemoCouncil } from './demo-council';

/** The Playground's team and channels (playground/*.yml): each audience's digest goes to its own channel. */
export const DEMO_TEAM_ID = 'demo-team-general';
export const DEMO_CHANNELS = [
  { id: 'demo-channel-participation', name: 'Participation', audience: 'participation_team', label: 'Participation team' },
  { id: 'demo-channel-cicc', name: 'Children in Care Council', audience: 'cicc', label: 'Children in Care Council' },
  { id: 'demo-channel-cpb', name: 'Corporate Parenting Board', audience: 'cpb', label: 'Corporate Parenting Board' },
  { id: 'demo-channel-smt', name: 'Senior managers', audience: 'senior_managers', label: 'Senior managers' },
] as const;

export interface DemoHistory {
  meetings: Meeting[];
  voice: VoiceRecord[];
  after: AfterMeetingRecord[];
  escalations: NudgeFact[];
  examples: Example[];
  tracker: TrackerItem[];
  forums: Forum[];
  audits: PromiseAudit[];
  mappings: ChannelMapping[];
}

const OFFICER = demoId(201);
const WEEKDAY = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const at = (date: IsoDate, time: string): string => londonInstant(date, time).toISOString();

/** Texts that pass the PII guard: what children said and what changed, about no one in particular. */
const EXAMPLES: { title: string; what: string; youSaid: string; weDid?: string; promises: string[]; mode: ParticipationMode; lundy: LundyElement[]; groups: HarderToHearGroup[] }[] = [
  { title: 'Health checks at a time that suits', what: 'Young people told the health team that checks in school time made them miss lessons.', youSaid: 'Health checks should not be in the middle of lessons.', weDid: 'Checks are now offered after school or in the holidays.', promises: ['health'], mode: 'consulted_informed', lundy: ['voice', 'influence'], groups: [] },
  { title: 'Care leavers wrote the new leaflet', what: 'Care leavers rewrote the leaflet about money when you leave care, in their own words.', youSaid: 'The old leaflet was hard to understand.', weDid: 'The new leaflet is the one written by care leavers.', promises: ['adult-life'], mode: 'yp_initiated_shared', lundy: ['space', 'voice', 'audience', 'influence'], groups: ['care_leaver'] },
  { title: 'Keeping in touch with brothers and sisters', what: 'The council asked children in care how they want to see their brothers and sisters.', youSaid: 'We want more time with our brothers and sisters, not just in a contact centre.', weDid: 'Family time can now happen at a park or a cafe.', promises: ['relationships'], mode: 'adult_initiated_shared', lundy: ['voice', 'audience'], groups: [] },
  { title: 'A say in choosing foster carers training', what: 'Young people helped plan a training day for new foster carers.', youSaid: 'Carers should know what it feels like to move in with strangers.', promises: ['safe', 'relationships'], mode: 'yp_initiated_directed', lundy: ['space', 'voice', 'influence'], groups: [] },
  { title: 'Driving lessons for care leavers', what: 'Care leavers asked for help paying for driving lessons.', youSaid: 'Driving lessons cost too much and we need them for jobs.', promises: ['adult-life', 'dreams'], mode: 'yp_initiated_shared', lundy: ['voice', 'audience'], groups: ['care_leaver'] },
  { title: 'Translated welcome pack', what: 'Young people who came to the UK on their own checked a welcome pack in their languages.', youSaid: 'We did not understand the forms when we arrived.', weDid: 'The welcome pack is now in five languages.', promises: ['safe'], mode: 'consulted_informed', lundy: ['voice', 'influence'], groups: ['uasc'] },
  { title: 'Music studio sessions', what: 'The council ran music sessions that young people asked for.', youSaid: 'We want somewhere to make music.', promises: ['dreams'], mode: 'adult_initiated_shared', lundy: ['space'], groups: [] },
  { title: 'Reviews in a place young people choose', what: 'Independent reviewing officers asked where children want their reviews held.', youSaid: 'Reviews at school are embarrassing.', weDid: 'Reviews are held at home or another place the child picks.', promises: ['safe'], mode: 'consulted_informed', lundy: ['voice', 'audience', 'influence'], groups: [] },
  { title: 'Picture cards for younger children', what: 'Workers used picture cards so younger children could show how they feel about their home.', youSaid: 'Younger children said they like the picture cards.', promises: ['safe', 'health'], mode: 'assigned_informed', lundy: ['space', 'voice'], groups: ['very_young'] },
  { title: 'Easy-read plans', what: 'Disabled young people asked for their plans in easy read.', youSaid: 'We cannot read our own plans.', weDid: 'Plans are now offered in easy read.', promises: ['safe'], mode: 'consulted_informed', lundy: ['voice', 'influence'], groups: ['disabled'] },
  { title: 'Work experience week', what: 'Young people in care asked for work experience with council teams.', youSaid: 'We want to try real jobs.', promises: ['dreams', 'adult-life'], mode: 'yp_initiated_shared', lundy: ['voice', 'audience'], groups: [] },
  { title: 'Mental health drop-in', what: 'The CICC asked for a drop-in where they can talk without a long wait.', youSaid: 'Waiting months to talk to someone is too long.', promises: ['health'], mode: 'yp_initiated_directed', lundy: ['space', 'voice', 'audience'], groups: [] },
  { title: 'Staying in touch with old carers', what: 'Young people said they miss carers they used to live with.', youSaid: 'We want to stay in touch with carers we were close to.', promises: ['relationships'], mode: 'consulted_informed', lundy: ['voice'], groups: ['placed_out_of_area'] },
  { title: 'Pocket money the same for everyone', what: 'Children compared pocket money and found it different in each home.', youSaid: 'Pocket money is not fair.', weDid: 'There is now one pocket money guide for all carers.', promises: ['safe', 'adult-life'], mode: 'yp_initiated_shared', lundy: ['space', 'voice', 'audience', 'influence'], groups: [] },
];

const TRACKER: { youSaid: string; saidBy: 'child' | 'group' | 'forum'; forumId?: string; outcome?: { kind: 'done'; weDid: string } | { kind: 'not_possible'; why: string }; dueInDays: number; raisedDaysAgo: number; closed?: boolean }[] = [
  { youSaid: 'We want free bus passes until we are 25.', saidBy: 'forum', forumId: 'demo-cicc', outcome: { kind: 'not_possible', why: 'Bus passes are paid for by the county, not by us. We have asked them and will tell you what they say.' }, dueInDays: -10, raisedDaysAgo: 60, closed: true },
  { youSaid: 'The website should have a page made by young people.', saidBy: 'forum', forumId: 'demo-cicc', outcome: { kind: 'done', weDid: 'The new page went live, written by the CICC.' }, dueInDays: -20, raisedDaysAgo: 55, closed: true },
  { youSaid: 'Social workers should tell us before they change.', saidBy: 'group', outcome: { kind: 'done', weDid: 'Workers now send a letter and visit with the new worker.' }, dueInDays: -5, raisedDaysAgo: 40, closed: true },
  { youSaid: 'We want Wi-Fi in every children\'s home.', saidBy: 'forum', forumId: 'demo-cicc', outcome: { kind: 'done', weDid: 'Every home now has Wi-Fi.' }, dueInDays: -3, raisedDaysAgo: 35, closed: true },
  { youSaid: 'Meetings about us should not be in school time.', saidBy: 'child', outcome: { kind: 'not_possible', why: 'Some meetings need teachers, so they must happen in school time. We will ask you first.' }, dueInDays: -2, raisedDaysAgo: 30, closed: true },
  { youSaid: 'We want a residential trip this summer.', saidBy: 'forum', forumId: 'demo-cicc', dueInDays: 40, raisedDaysAgo: 20 },
  { youSaid: 'Care leavers want help with their first flat.', saidBy: 'forum', forumId: 'demo-care-leavers', dueInDays: -4, raisedDaysAgo: 45 },
  { youSaid: 'We do not know how to pay bills when we leave care.', saidBy: 'forum', forumId: 'demo-care-leavers', outcome: { kind: 'done', weDid: 'We wrote a short guide to bills with care leavers.' }, dueInDays: 5, raisedDaysAgo: 25 },
  { youSaid: 'We want to meet the councillors on the board.', saidBy: 'forum', forumId: 'demo-cicc', outcome: { kind: 'done', weDid: 'Two councillors will come to the next CICC.' }, dueInDays: 10, raisedDaysAgo: 14 },
];

const WOULD_HELP = ['A shorter meeting, held after school.', 'Time with the chair before the meeting.', 'Papers sent a week before, in plain words.', 'Fewer people in the room.'];
const LISTENED = ['well', 'partly', 'well', 'not_well', 'well'] as const;

/** Feedback after the demo's past meetings: most children and some parents offered a form; some answer, a few say what would have helped. */
function demoFeedback(i: number): Pick<AfterMeetingRecord, 'feedbackFormOffered' | 'childListened' | 'childWouldHelp' | 'parentsFeedbackOffered' | 'parentsListened' | 'parentsWouldHelp'> {
  const childOffered = i % 4 !== 3;
  const childAnswered = childOffered && i % 3 !== 2;
  const parentsOffered = i % 2 === 0;
  const parentsAnswered = parentsOffered && i % 4 === 0;
  return {
    feedbackFormOffered: childOffered,
    ...(childAnswered ? { childListened: LISTENED[i % LISTENED.length]!, ...(i % 5 === 1 ? { childWouldHelp: WOULD_HELP[i % WOULD_HELP.length]! } : {}) } : {}),
    parentsFeedbackOffered: parentsOffered,
    ...(parentsAnswered ? { parentsListened: LISTENED[(i + 2) % LISTENED.length]!, ...(i % 8 === 0 ? { parentsWouldHelp: WOULD_HELP[(i + 1) % WOULD_HELP.length]! } : {}) } : {}),
  };
}

/** The demo council's last ten weeks, as of `now`. */
export function demoHistory(council: DemoCouncil, now: Date = new Date()): DemoHistory {
  const today = londonDate(now);
  const workers = DEMO_PEOPLE.filter((p) => p.roles.includes('social_worker'));
  const meetings: Meeting[] = [];
  const voice: VoiceRecord[] = [];
  const after: AfterMeetingRecord[] = [];
  const escalations: NudgeFact[] = [];

  // One past meeting per child over the last ten weeks: most with the child's views in time, some late,
  // some without; most children told the outcome afterwards.
  council.children.forEach((child, i) => {
    const date = cal.addWorkingDays(today, -(3 + ((i * 7) % 48)));
    const type = council.meetings[i]!.type;
    const id = `DEMO-P-${1001 + i}`;
    // Chaired by the same IRO or conference chair as the child's coming meeting, so a chair's "my reviews" has
    // meetings held to record how the child took part (and the feedback questions) in the Playground.
    const { chair, chairId } = council.meetings[i]!;
    meetings.push({ id, childRef: child.ref, type, start: at(date, '10:00'), status: 'scheduled', first: false, ...(chairId ? { chair, chairId } : {}) });
    const voiceBy = type === 'ICPC' ? cal.addWorkingDays(date, -2) : type === 'RCPC' ? cal.addWorkingDays(date, -5) : date;
    const kind = i % 10; // 0-5 in time, 6-7 late, 8 declined in time, 9 not recorded
    if (kind <= 8) {
      const gathered = kind <= 5 || kind === 8 ? cal.addWorkingDays(voiceBy, -(2 + (i % 4))) : cal.addWorkingDays(date, 1);
      voice.push({
        meetingId: id, childRef: child.ref, voiceBy, pnCode: kind === 8 ? 'PN0' : (['PN1', 'PN2', 'PN3', 'PN4', 'PN5'] as const)[i % 5]!,
        methods: kind === 8 ? ['people_who_know_them'] : [(['direct_work', 'mind_of_my_own', 'own_words', 'advocate'] as const)[i % 4]!],
        declined: kind === 8, gatheredOn: gathered, prepared: kind !== 7, attendance: i % 3 === 0 ? 'will_attend' : 'will_not_attend',
        advocacyOffered: child.newToCare ? i % 2 === 0 : undefined, sharedWith: ['chair'], recordedBy: child.workerId, recordedAt: at(gathered, '15:00'),
      });
    } else {
      const on = cal.addWorkingDays(voiceBy, -1);
      escalations.push({ meetingId: id, stage: 'escalation', voiceBy, kind: 'escalated', on, personId: workers.find((w) => w.id === child.workerId)?.lineManagerId, at: at(on, '08:30') });
    }
    if (i % 5 !== 4) {
      const told = i % 7 === 3 ? 'planned' : 'yes';
      after.push({ meetingId: id, childRef: child.ref, told, ...(told === 'planned' ? { plannedFor: cal.addWorkingDays(today, 3) } : {}), ...(isAssessment(type) ? {} : demoFeedback(i)), recordedBy: child.workerId, recordedAt: at(cal.addWorkingDays(date, 2), '16:00') });
    }
  });

  // Half the IRO's coming reviews already have the child's views (one declined), so "my reviews" shows both;
  // not those of the next four working days, which are there so that every demo worker has a nudge at once.
  const nudgedUntil = cal.addWorkingDays(today, 4);
  council.meetings.filter((m) => m.chairId === demoId(DEMO_IRO) && londonDate(new Date(m.start)) > nudgedUntil).forEach((m, i) => {
    if (i % 2 === 1) return;
    const child = council.children.find((c) => c.ref === m.childRef)!;
    const gathered = cal.addWorkingDays(today, -(1 + (i % 3)));
    voice.push({
      meetingId: m.id, childRef: m.childRef, voiceBy: londonDate(new Date(m.start)), methods: i === 2 ? [] : [(['mind_of_my_own', 'direct_work', 'iro_met'] as const)[i % 3]!],
      pnCode: 'PN5', declined: i === 2, gatheredOn: gathered, prepared: true, attendance: 'will_not_attend', sharedWith: ['chair'], recordedBy: child.workerId, recordedAt: at(gathered, '15:00'),
    });
  });

  const examples: Example[] = EXAMPLES.map((e, i) => {
    const on = cal.addWorkingDays(today, -(2 + i * 3));
    const author = i % 3 === 0 ? DEMO_PEOPLE.find((p) => p.id === OFFICER)! : workers[i % workers.length]!;
    return {
      id: `demo-example-${i + 1}`, title: e.title, happenedOn: shiftDate(on, -2), whatHappened: e.what, promiseIds: e.promises, mode: e.mode, lundy: e.lundy,
      scope: i % 4 === 0 ? 'individual' : 'collective', groups: e.groups, youSaid: e.youSaid, ...(e.weDid ? { weDid: e.weDid } : {}),
      shareable: i % 6 !== 5, keptInternal: false, authorId: author.id, ...(author.teamId ? { teamId: author.teamId } : {}),
      source: 'command', status: 'active', recordedAt: at(on, '11:00'), recordedOn: on, updatedAt: at(on, '11:00'),
    };
  });

  const tracker: TrackerItem[] = TRACKER.map((t, i) => {
    const raisedOn = cal.addWorkingDays(today, -Math.round((t.raisedDaysAgo * 5) / 7));
    const outcomeOn = t.outcome ? cal.addWorkingDays(today, -Math.max(1, Math.round((t.raisedDaysAgo * 5) / 14))) : undefined;
    return {
      id: `demo-item-${i + 1}`, youSaid: t.youSaid, saidBy: t.saidBy, ...(t.forumId ? { forumId: t.forumId } : {}), source: { kind: 'command' }, raisedById: OFFICER, raisedAt: at(raisedOn, '18:30'), raisedOn,
      ownerId: i % 2 === 0 ? OFFICER : demoId(12), dueDate: shiftDate(today, t.dueInDays),
      status: t.closed ? 'closed' : t.outcome ? 'awaiting_feedback' : 'open',
      ...(t.outcome ? { outcome: t.outcome, outcomeAt: at(outcomeOn!, '10:00') } : {}),
      ...(t.closed ? { feedback: { givenOn: outcomeOn!, how: 'At the Children in Care Council' }, closedAt: at(outcomeOn!, '17:00'), closedOn: outcomeOn! } : {}),
      shareable: true, updatedAt: at(outcomeOn ?? raisedOn, '17:00'),
    };
  });

  // The CICC meets every four weeks, next in three working days; the board every eight weeks, next in five.
  // So a forced digest run finds each one's next meeting and the one before it.
  const forum = (id: string, name: string, type: 'CICC' | 'CPB' | 'CARE_LEAVER', next: IsoDate, weeks: number, channelId: string): Forum => ({
    id, name, type, rrule: `FREQ=WEEKLY;INTERVAL=${weeks};BYDAY=${WEEKDAY[new Date(`${next}T12:00:00Z`).getUTCDay()]}`, startDate: shiftDate(next, -7 * weeks * 2),
    time: '17:00', durationMinutes: 90, place: 'Demo Civic Centre', facilitatorIds: [OFFICER], channelId, reminderOffsetsDays: [7, 1], overrides: {},
    createdBy: OFFICER, updatedAt: now.toISOString(),
  });
  const nextCicc = cal.addWorkingDays(today, 3);
  const forums = [
    forum('demo-cicc', 'Children in Care Council', 'CICC', nextCicc, 4, 'demo-channel-cicc'),
    forum('demo-cpb', 'Corporate Parenting Board', 'CPB', cal.addWorkingDays(today, 5), 8, 'demo-channel-cpb'),
    forum('demo-care-leavers', 'Care leaver forum', 'CARE_LEAVER', cal.addWorkingDays(today, 4), 4, 'demo-channel-participation'),
  ];

  // What the CICC said at its last meeting about each promise: it goes into the next board briefing.
  const lastCicc = shiftDate(nextCicc, -28);
  const verdicts: [string, PromiseAudit['verdict'], string][] = [
    ['health', 'partly', 'Health checks are better but waiting to talk to someone is still too long.'],
    ['safe', 'kept', 'Most of us feel listened to at our reviews.'],
    ['dreams', 'partly', 'We want more help with driving lessons and work experience.'],
    ['relationships', 'not_yet', 'Family time is still hard to arrange.'],
    ['adult-life', 'kept', 'The new money leaflet helps.'],
  ];
  const audits = verdicts.map(([promiseId, verdict, comment]) => ({ occurrenceId: `demo-cicc:${lastCicc}`, promiseId, verdict, comment, at: at(lastCicc, '18:30'), byId: OFFICER }));

  const mappings: ChannelMapping[] = DEMO_CHANNELS.map((c) => ({
    audience: c.audience, label: c.label, channelId: c.id, channelName: c.name, teamId: DEMO_TEAM_ID, setBy: demoId(401), setAt: now.toISOString(),
  }));

  return { meetings, voice, after, escalations, examples, tracker, forums, audits, mappings };
}
