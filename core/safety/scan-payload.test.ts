import { scanPayload } from './scan-payload';

const card = {
  type: 'AdaptiveCard',
  body: [
    { type: 'TextBlock', text: 'Meetings this week: 12' },
    { type: 'FactSet', facts: [{ title: 'Looked-after review', value: 'due for cla-00417 on Tuesday' }] },
    { type: 'TextBlock', text: 'Thanks to Jordan for the example' },
    { type: 'TextBlock', text: 'JB asked for more clubs' },
  ],
  actions: [{ type: 'Action.Submit', data: { verb: 'ask', childRef: 'CLA-00417' } }],
};

describe('the channel-payload scanner', () => {
  it('finds a case reference anywhere, ignoring case, and says where', () => {
    const found = scanPayload(card, { refs: ['CLA-00417'] });
    expect(found.map((f) => f.path)).toEqual(['body[1].facts[0].value', 'actions[0].data.childRef']);
  });

  it('finds names only as whole words', () => {
    expect(scanPayload(card, { names: ['Jordan'] })).toHaveLength(1);
    expect(scanPayload(card, { names: ['Jord'] })).toHaveLength(0);
  });

  it('finds initials as whole words in capitals only', () => {
    expect(scanPayload(card, { initials: ['JB'] })).toEqual([{ path: 'body[3].text', term: 'JB', kind: 'initials' }]);
    expect(scanPayload({ t: 'jbs and ajb' }, { initials: ['JB'] })).toEqual([]);
  });

  it('reports nothing for a clean aggregate card', () => {
    expect(scanPayload({ body: [{ text: 'fewer than 5 of 24' }] }, { refs: ['X1'], names: ['Sam'], initials: ['SK'] })).toEqual([]);
  });
});
