import { findPii } from '../pii';
import { caseRefsInChannelPost, identifyingInChannelPost } from './channel-post';

const scan = (text: string) => findPii(text, { now: () => new Date('2026-11-23T08:00:00Z') });

describe('the last check before a channel post', () => {
  it('finds a case reference anywhere in a card, however deep, and says where', () => {
    const card = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Board briefing' }, { type: 'FactSet', facts: [{ title: 'Late', value: 'see CR-482913' }] }] };
    expect(caseRefsInChannelPost(card)).toEqual(['body[1].facts[0].value']);
    expect(caseRefsInChannelPost('ref 4471203 is overdue')).toEqual(['(text)']);
  });

  it('runs the full guard on every string a reader sees, and names the kinds found, not the words', () => {
    const card = {
      body: [{ type: 'TextBlock', text: 'You said: Łukasz wanted later reviews.' }, { type: 'FactSet', facts: [{ title: 'School', value: "she goes to St Clere's" }] }],
      actions: [{ type: 'Action.Execute', title: 'Ask about this', verb: 'digest.ask', data: { occurrenceId: 'cicc:2026-11-30', childRef: 'CR-482913' } }],
    };
    expect(identifyingInChannelPost(card, scan)).toEqual([
      { path: 'body[0].text', kinds: ['name'] },
      { path: 'body[1].facts[0].value', kinds: ['school'] },
      { path: 'actions[0].data.childRef', kinds: ['case_ref'] },
    ]);
  });

  it('passes what the digests really post: counts, dates, promise titles, percentages, roles', () => {
    const card = {
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5',
      body: [{ type: 'TextBlock', text: 'For the board on 30 November 2026. Since the last board: 5 October 2026 to 23 November 2026.' },
        { type: 'TextBlock', text: 'Owner: the Principal Social Worker. Dreams: young people chose the trip in May.' },
        { type: 'FactSet', facts: [{ title: 'All meetings', value: '31 of 42 (74%); before: 61% (up 13 points)' }, { title: 'Health', value: 'fewer than 5' }] }],
      actions: [{ type: 'Action.Execute', verb: 'digest.ask', data: { section: 'voice', occurrenceId: 'demo-cpb:2026-11-30' } }],
    };
    expect(identifyingInChannelPost(card, scan)).toEqual([]);
  });
});
