// The adapters the other features wire are typed to their ports: the lead's wiring is one line each.
import type { ExampleFacts, TextGuard, TrackerFacts } from '../digests/ports';
import { exampleFacts } from '../examples';
import { InMemoryExampleStore } from '../testing';
import type { PiiCheck, YouSaidTracker } from '../forums/ports';
import { findPii, piiCheck, textGuard } from '../pii';
import { forumTracker, trackerFacts } from '.';
import { InMemoryTrackerStore } from '../testing';
import { officer, trackerWorld } from '../testing';

describe('adapters for the digests and forums', () => {
  it('fit the digests\' and forums\' ports, and a forum record becomes an open item of that forum', async () => {
    const w = trackerWorld();
    const facts: TrackerFacts = trackerFacts(new InMemoryTrackerStore());
    const examples: ExampleFacts = exampleFacts(new InMemoryExampleStore());
    const guard: TextGuard = textGuard(findPii);
    const check: PiiCheck = piiCheck(findPii);
    const forums: YouSaidTracker = forumTracker(w.deps, async () => officer);
    expect(guard.isShareable('Young people asked for later reviews')).toBe(true);
    expect(check('Tyler asked for later reviews')).toEqual({ ok: false, reason: 'It may identify someone: "Tyler".' });
    const { id } = await forums.create({
      text: 'Care leavers said the bus pass runs out too soon',
      ownerId: officer.id,
      dueDate: '2026-04-01',
      source: { kind: 'forum', forumId: 'cicc', forumName: 'Children in Care Council', occurrenceDate: '2026-02-27' },
      createdBy: officer.id,
    });
    expect(await forums.listOpenForForum('cicc')).toEqual([
      { id, text: 'Care leavers said the bus pass runs out too soon', ownerId: officer.id, dueDate: '2026-04-01', occurrenceDate: '2026-02-27' },
    ]);
    expect(await facts.open()).toEqual([]);
    expect(await examples.between(new Date('2026-01-01'), new Date('2026-02-01'))).toEqual([]);
  });
});
