import { caseRefsInChannelPost } from './channel-post';

describe('the last check before a channel post', () => {
  it('finds a case reference anywhere in a card, however deep, and says where', () => {
    const card = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Board briefing' }, { type: 'FactSet', facts: [{ title: 'Late', value: 'see CR-482913' }] }] };
    expect(caseRefsInChannelPost(card)).toEqual(['body[1].facts[0].value']);
    expect(caseRefsInChannelPost('ref 4471203 is overdue')).toEqual(['(text)']);
  });

  it('passes what the digests really post: counts, dates, promise titles, percentages', () => {
    const card = {
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5',
      body: [{ type: 'TextBlock', text: 'For the board on 30 November 2026. Since the last board: 5 October 2026 to 23 November 2026.' },
        { type: 'FactSet', facts: [{ title: 'All meetings', value: '31 of 42 (74%); before: 61% (up 13 points)' }, { title: 'Health', value: 'fewer than 5' }] }],
      actions: [{ type: 'Action.Execute', verb: 'digest.ask', data: { section: 'voice', occurrenceId: 'demo-cpb:2026-11-30' } }],
    };
    expect(caseRefsInChannelPost(card)).toEqual([]);
  });
});
