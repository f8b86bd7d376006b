import { AdminActionSchema, adminVerbs } from './admin-actions';
import { adminCard } from './admin-card';

type Node = Record<string, unknown>;
const walk = (n: unknown, out: Node[] = []): Node[] => {
  if (Array.isArray(n)) n.forEach((x) => walk(x, out));
  else if (n && typeof n === 'object') {
    out.push(n as Node);
    Object.values(n).forEach((x) => walk(x, out));
  }
  return out;
};

const view = {
  parked: [{ id: 'p1', kind: 'nudge', to: { kind: 'person' as const, personId: 'w' }, status: 'parked' as const, enqueuedAt: '2026-11-20T08:30:00.000Z', lastError: 'connector answered 400' }],
  undelivered: [{ id: 'f1', kind: 'escalation', to: { kind: 'person' as const, personId: 'm' }, status: 'failed' as const, enqueuedAt: '2026-11-20T08:30:00.000Z', lastError: 'blocked_or_removed' }],
  blocked: [{ id: 'b1', kind: 'forum.reminder', to: { kind: 'channel' as const, channelId: '19:c' }, status: 'failed' as const, enqueuedAt: '2026-11-21T09:00:00.000Z', lastError: 'identifying_detail: name, school' }],
  posts: [{ id: 'c1', kind: 'digest.cicc', to: { kind: 'channel' as const, channelId: '19:c' }, status: 'sent' as const, enqueuedAt: '2026-11-20T09:00:00.000Z', sentAt: '2026-11-20T09:00:00.000Z', activityId: 'a1' }],
  possibleDuplicates: 0,
  bankHolidays: { coveredUntil: '2027-03-31', warn: true, monthsLeft: 4 },
};
const paused = [{ meetingId: 'M-77', voiceBy: '2026-12-01', stages: ['d-2', 'escalation'], byId: 'a', at: '2026-11-22T10:00:00.000Z' }];
const card = adminCard(view, { names: { w: 'Sam Worker', m: 'Mo Manager', '19:c': '"CICC"', a: 'Ade Admin' }, paused });

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
