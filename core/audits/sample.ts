import type { Child } from '../model/child';
import { hasRole, type Person } from '../model/person';
import type { Team } from '../model/team';

/** FNV-1a: a short text to a 32-bit seed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: a small seeded generator, so a sample is random yet worked out the same every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * `size` of the team's open cases for the month, chosen at random with a generator seeded from team and
 * month: whatever order the store returns them in, the same children come out.
 */
export function sampleChildren<C extends Pick<Child, 'ref' | 'teamId' | 'goneOn'>>(children: readonly C[], o: { teamId: string; month: string; size: number }): C[] {
  const pool = children.filter((c) => c.teamId === o.teamId && !c.goneOn).sort((a, b) => a.ref.localeCompare(b.ref));
  const random = seededRandom(hash32(`${o.teamId}|${o.month}`));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, Math.max(0, o.size));
}

export interface AuditorChoice {
  auditorId: string;
  auditorKind: 'other_team_manager' | 'qa_auditor';
}

/**
 * Who audits a child's file: a manager of another team or a quality-assurance auditor, never the child's
 * worker, nor anyone in the child's team, nor its manager. Picked by a hash of month and case, so the work
 * spreads and a rerun picks the same person. Undefined when nobody is eligible.
 */
export function chooseAuditor(child: Child, o: { month: string; teams: readonly Team[]; people: readonly Person[] }): AuditorChoice | undefined {
  const byId = new Map(o.people.filter((p) => !p.goneOn).map((p) => [p.id, p]));
  const ownManager = o.teams.find((t) => t.id === child.teamId)?.managerId;
  const excluded = (p: Person) => p.id === child.workerId || p.id === ownManager || p.teamId === child.teamId;
  const candidates = new Map<string, AuditorChoice>();
  for (const t of o.teams) {
    const m = t.managerId ? byId.get(t.managerId) : undefined;
    if (t.id !== child.teamId && !t.goneOn && m && !excluded(m)) candidates.set(m.id, { auditorId: m.id, auditorKind: 'other_team_manager' });
  }
  for (const p of byId.values()) if (hasRole(p, 'qa_auditor') && !excluded(p)) candidates.set(p.id, { auditorId: p.id, auditorKind: 'qa_auditor' });
  const list = [...candidates.values()].sort((a, b) => a.auditorId.localeCompare(b.auditorId));
  return list.length ? list[hash32(`${o.month}|${child.ref}`) % list.length] : undefined;
}
