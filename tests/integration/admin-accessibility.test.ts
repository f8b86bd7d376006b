// docs/accessibility.md promises rules for every card; this checks each card template in cards/ against them,
// so the statement stays true as cards are added (WCAG 2.2 AA where it applies to cards in a chat client).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { walk, type Node } from '../support/card-nodes';


const dir = join(__dirname, '../../cards');
const templates = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, card: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Node }))
  .filter((t) => t.card.type === 'AdaptiveCard');
const SEMANTIC_COLOURS = new Set(['Default', 'Dark', 'Light', 'Accent', 'Good', 'Warning', 'Attention']);

describe('every card template keeps the accessibility statement\'s promises', () => {
  it('finds the card templates', () => {
    expect(templates.length).toBeGreaterThan(10);
  });

  it.each(templates.map((t) => [t.file, t.card] as const))('%s: Adaptive Cards 1.5, text wraps, inputs labelled, toggles wrap, errors say so in words, host colours only, buttons titled', (_file, card) => {
    expect(card.version).toBe('1.5');
    const nodes = walk(card);
    const problems: string[] = [];
    for (const n of nodes) {
      if (n.type === 'TextBlock' && n.wrap !== true) problems.push(`TextBlock without wrap: ${String(n.text).slice(0, 40)}`);
      // A toggle's title is its visible label beside the box.
      const label = n.type === 'Input.Toggle' ? (n.label ?? n.title) : n.label;
      if (typeof n.type === 'string' && n.type.startsWith('Input.') && !(typeof label === 'string' && label.trim())) problems.push(`${n.type} ${String(n.id)} without a label`);
      // A toggle's title is cut to one line unless it wraps (on a phone, mid-sentence).
      if (n.type === 'Input.Toggle' && n.wrap !== true) problems.push(`Input.Toggle ${String(n.id)} without wrap`);
      // An error says it is one in words, not only in red (WCAG 1.4.1).
      if (n.type === 'TextBlock' && typeof n.text === 'string' && /^\$\{errors\./.test(n.text)) problems.push(`error without "Problem: ": ${n.text}`);
      if (typeof n.color === 'string' && !n.color.includes('${') && !SEMANTIC_COLOURS.has(n.color)) problems.push(`hard-coded colour ${n.color}`);
      if (typeof n.type === 'string' && n.type.startsWith('Action.') && n.type !== 'Action.ToggleVisibility' && !(typeof n.title === 'string' && n.title.trim())) problems.push(`${n.type} without a title`);
    }
    expect(problems).toEqual([]);
  });
});
