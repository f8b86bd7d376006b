import { renderCard } from './render';

const template = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Hello ${name}' },
    { type: 'TextBlock', $data: '${items}', text: '${label}' },
    { type: 'TextBlock', $when: '${showExtra}', text: 'Extra' },
    { type: 'TextBlock', text: 'Team: ${team}' },
  ],
};

describe('renderCard', () => {
  it('binds fields and repeats elements for each item in a list', () => {
    const card = renderCard(template, { name: 'Sam', items: [{ label: 'one' }, { label: 'two' }], showExtra: false });
    const texts = (card.body as { text: string }[]).map((b) => b.text);
    expect(texts).toEqual(['Hello Sam', 'one', 'two', 'Team:  ']);
  });
  it('never shows a raw ${...} expression when a field is missing', () => {
    const card = renderCard(template, { items: [], showExtra: true });
    expect(JSON.stringify(card)).not.toContain('${');
    expect((card.body as { text: string }[]).map((b) => b.text)).toContain('Extra');
  });
  it('leaves the template untouched so it can be bound again', () => {
    const before = JSON.stringify(template);
    renderCard(template, { name: 'A', items: [{ label: 'x' }] });
    expect(JSON.stringify(template)).toBe(before);
  });
});
