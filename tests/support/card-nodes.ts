// Every object inside an Adaptive Card (elements, actions, inputs, choices), depth first: how the tests
// find a button, an input or a line of text on a card.
export type Node = Record<string, unknown>;

export const walk = (n: unknown, out: Node[] = []): Node[] => {
  if (Array.isArray(n)) n.forEach((x) => walk(x, out));
  else if (n && typeof n === 'object') {
    out.push(n as Node);
    Object.values(n).forEach((x) => walk(x, out));
  }
  return out;
};
