import { chartsWithText } from './digests-fit';
import type { Card } from './render';

const facts = { type: 'FactSet', facts: [{ title: 'Health', value: '3' }] };
const card = (data: unknown): Card => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Chart.VerticalBar', data, fallback: facts }] }) as unknown as Card;

describe('charts on digest cards', () => {
  it('always carry their numbers as text beside the chart, for screen readers and clients without charts', () => {
    const out = chartsWithText(card([{ x: 'Health', y: 3 }])) as unknown as { body: { type: string; fallback?: unknown }[] };
    expect(out.body.map((e) => e.type)).toEqual(['Chart.VerticalBar', 'FactSet']);
    expect(out.body[0]!.fallback).toBe('drop');
  });

  it('a chart with nothing to draw (a new council, a quiet week) gives way to its facts', () => {
    for (const data of [[], [{ x: 'Health', y: 0 }], [{ legend: '%', values: [] }]]) {
      const out = chartsWithText(card(data)) as unknown as { body: { type: string }[] };
      expect(out.body.map((e) => e.type)).toEqual(['FactSet']);
    }
  });
});
