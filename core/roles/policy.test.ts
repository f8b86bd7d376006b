import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Person } from '../model/person';
import { authorise, decide } from './authorise';
import { ACTIONS, POLICY } from './policy';
import { rolesTableMarkdown, withRolesTable } from './table';

const person = (id: string, ...roles: Person['roles']) => ({ id, roles });
const worker = person('w', 'social_worker');
const manager = person('m', 'manager');
const officer = person('o', 'participation_officer');
const senior = person('s', 'senior_manager');
const admin = person('a', 'admin');
const stranger = person('x', 'social_worker');
const child = { label: 'AB123', holderIds: ['w'], lineManagerIds: ['m'] };

describe('who may do what', () => {
  it('a child\'s voice is recorded by their worker, the worker\'s manager or an admin, and nobody else', () => {
    expect(decide(worker, 'voice.record', child)).toEqual({ allowed: true, by: 'holder' });
    expect(decide(manager, 'voice.record', child)).toEqual({ allowed: true, by: 'line_manager' });
    expect(decide(admin, 'voice.record', child)).toEqual({ allowed: true, by: 'role' });
    expect(decide(stranger, 'voice.record', child)).toEqual({ allowed: false, reason: "Only AB123's allocated worker, their manager or an administrator can do that." });
    expect(decide(officer, 'voice.record', child).allowed).toBe(false);
  });

  it('forums and channels are the participation officers\' (and admins\'); a facilitator may record what was said', () => {
    expect(decide(officer, 'forum.edit').allowed).toBe(true);
    expect(decide(manager, 'forum.edit').allowed).toBe(false);
    expect(decide(worker, 'forum.outcome', { facilitatorIds: ['w'] })).toEqual({ allowed: true, by: 'facilitator' });
    expect(decide(worker, 'channel.map').allowed).toBe(false);
  });

  it('admin views are for admins only; evidence exports also for senior managers', () => {
    for (const p of [worker, manager, officer, senior]) expect(decide(p, 'admin.view').allowed).toBe(false);
    expect(decide(admin, 'admin.view').allowed).toBe(true);
    expect(decide(senior, 'export.evidence').allowed).toBe(true);
    expect(decide(senior, 'export.sar').allowed).toBe(false);
  });

  it('a leaver (marked gone by a people snapshot) is refused everything, by role or relation, and told why', () => {
    const gone = { ...admin, id: 'w', goneOn: '2026-11-20' };
    for (const action of ACTIONS) expect(decide(gone, action, { ...child, authorId: 'w', facilitatorIds: ['w'], chairIds: ['w'] })).toMatchObject({ allowed: false, reason: expect.stringContaining('no longer on Golden Thread') });
  });

  it('someone the directory does not know is refused everything', () => {
    for (const a of ACTIONS) expect(decide(undefined, a, child).allowed).toBe(false);
  });

  it('a refusal is written to the audit trail when an audit log is given', async () => {
    const entries: unknown[] = [];
    const audit = { append: async (e: unknown) => void entries.push(e), listForRecord: async () => [] };
    await authorise(stranger, 'admin.view', {}, { audit });
    await authorise(admin, 'admin.view', {}, { audit });
    expect(entries).toEqual([{ actorId: 'x', action: 'access.refused', recordType: 'action', recordId: 'admin.view', detail: { action: 'admin.view' } }]);
  });

  it('every rule names who may act and what a refused person is told', () => {
    for (const a of ACTIONS) {
      const rule = POLICY[a];
      expect(rule.roles.length + rule.relations.length).toBeGreaterThan(0);
      expect(rule.refusal.length).toBeGreaterThan(10);
    }
  });

  it('docs/roles.md prints exactly this policy (regenerate with: npm run docs:roles)', () => {
    const doc = readFileSync(join(__dirname, '../../docs/roles.md'), 'utf8');
    const table = /<!-- roles-table:start -->\n([\s\S]*?)\n<!-- roles-table:end -->/.exec(doc)?.[1];
    expect(table).toBe(rolesTableMarkdown());
    expect(withRolesTable(doc)).toBe(doc);
  });

  it('confirming a holder is for the managers of the claim and admins, never the worker or their cover', () => {
    const subject = { label: 'AB123', holderIds: ['w'], coverIds: ['c'], lineManagerIds: ['m'], teamManagerId: 't' };
    expect(decide(manager, 'voice.confirm-holder', subject)).toEqual({ allowed: true, by: 'line_manager' });
    expect(decide(person('t', 'manager'), 'voice.confirm-holder', subject)).toEqual({ allowed: true, by: 'team_manager' });
    expect(decide(admin, 'voice.confirm-holder', subject).allowed).toBe(true);
    for (const p of [worker, person('c', 'social_worker'), person('x', 'manager')]) expect(decide(p, 'voice.confirm-holder', subject).allowed).toBe(false);
  });

  it('the CICC audit is for its facilitators, participation officers and admins only', () => {
    expect(decide(worker, 'cicc.audit', { facilitatorIds: ['w'] })).toEqual({ allowed: true, by: 'facilitator' });
    expect(decide(officer, 'cicc.audit').allowed).toBe(true);
    for (const p of [manager, senior, person('b', 'board_member'), stranger]) expect(decide(p, 'cicc.audit', { facilitatorIds: ['w'] }).allowed).toBe(false);
  });
});
