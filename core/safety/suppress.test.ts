import { showCount, suppressRow, suppressedRate, exactRate, suppressRates } from './suppress';

// Can any hidden cell be recovered exactly from the shown cells and the shown total?
const recoverable = (cells: number[]): boolean => {
  const { cells: shown, total } = suppressRow(cells);
  const hidden = shown.filter((c) => c.value === null).length;
  return total.value !== null && hidden === 1;
};

describe('small-number suppression in channel posts', () => {
  it('shows counts from 1 to 4 as "fewer than 5", and zero and 5 or more as numbers', () => {
    expect([0, 1, 4, 5, 12].map((n) => showCount(n).text)).toEqual(['0', 'fewer than 5', 'fewer than 5', '5', '12']);
  });

  it('uses the configured threshold', () => {
    expect(showCount(9, 10).text).toBe('fewer than 10');
    expect(showCount(10, 10).text).toBe('10');
  });

  it('hides a second cell so a hidden count cannot be worked out from the total', () => {
    const { cells, total } = suppressRow([3, 12, 7]);
    expect(cells.map((c) => c.text)).toEqual(['fewer than 5', '12', 'not shown']);
    expect(total.text).toBe('22');
  });

  it('needs no second cell when two counts are already hidden', () => {
    expect(suppressRow([2, 3, 10]).cells.map((c) => c.text)).toEqual(['fewer than 5', 'fewer than 5', '10']);
  });

  it('hides the total itself when it is small', () => {
    const { cells, total } = suppressRow([3, 0, 0]);
    expect(total.text).toBe('fewer than 5');
    expect(cells.map((c) => c.text)).toEqual(['fewer than 5', '0', '0']);
  });

  it('never leaves a single hidden cell beside a shown total, for any row of up to 4 cells from 0 to 9', () => {
    const rows: number[][] = [];
    const gen = (prefix: number[]) => {
      if (prefix.length > 0) rows.push(prefix);
      if (prefix.length === 4) return;
      for (let n = 0; n < 10; n++) gen([...prefix, n]);
    };
    gen([]);
    expect(rows.filter(recoverable)).toEqual([]);
  });

  it('gives a channel rate only when both those with and without are 5 or more', () => {
    expect(suppressedRate(18, 24).text).toBe('18 of 24 (75%)');
    expect(suppressedRate(3, 24)).toMatchObject({ text: 'fewer than 5 of 24', percent: null });
    expect(suppressedRate(21, 24)).toMatchObject({ text: 'most of 24 (all but 1 to 4)', percent: null });
    expect(suppressedRate(24, 24).text).toBe('24 of 24 (100%)');
    expect(suppressedRate(2, 3)).toMatchObject({ text: 'not shown (fewer than 5 in all)', percent: null });
    expect(suppressedRate(0, 0).text).toBe('none due');
  });

  it('gives managers the exact rate for their own team in 1:1', () => {
    expect(exactRate(2, 3)).toMatchObject({ text: '2 of 3 (67%)', percent: 67 });
  });

  it('never reads 100% while a child was missed, nor 0% while one was heard (a county report rounds 399 of 400 up)', () => {
    expect(exactRate(399, 400)).toMatchObject({ text: '399 of 400 (99%)', percent: 99 });
    expect(exactRate(1, 400)).toMatchObject({ text: '1 of 400 (1%)', percent: 1 });
    expect(suppressedRate(1990, 2000)).toMatchObject({ text: '1990 of 2000 (99%)', percent: 99 });
    expect(exactRate(400, 400).percent).toBe(100);
    expect(exactRate(0, 400).percent).toBe(0);
  });
});

describe('rates that add up to a total shown elsewhere', () => {
  it('holds back a second rate so a suppressed one cannot be worked out from the total', () => {
    // Two teams in a district of 38 meetings, 29 on time: the second team's 14 of 18 hides 4 missing.
    const [a, b] = suppressRates([{ n: 15, d: 20 }, { n: 14, d: 18 }]);
    expect(b!.text).toBe('most of 18 (all but 1 to 4)');
    expect(a!.text).toBe('held back, so a small number cannot be worked out (of 20)');
  });

  it('leaves every rate shown when none is small', () => {
    expect(suppressRates([{ n: 10, d: 20 }, { n: 9, d: 18 }]).map((r) => r.percent)).toEqual([50, 50]);
  });
});

describe("a period of several months, whose months were each posted in their own report", () => {
  it('holds back a count hidden in exactly one month, since the period less the other months would be that month', () => {
    // Declined: July 0, August 3 (hidden in August's report), September 5: the quarter's 8 less 5 is August's 3.
    const months = [[10, 0, 10, 0], [10, 3, 7, 0], [10, 5, 5, 0]];
    const q = suppressRow([30, 8, 22, 0], 5, months);
    expect(q.cells.map((c) => c.text)).toEqual(['30', 'not shown', 'not shown', '0']);
    // A month too small to show at all hides every cell it has.
    expect(suppressRow([30, 8, 22, 0], 5, [[10, 0, 10, 0], [2, 1, 1, 0], [10, 5, 5, 0]]).cells.map((c) => c.text)).toEqual(['not shown', 'not shown', 'not shown', '0']);
    // Two months hidden give only their sum: the quarter is shown, as within one card.
    expect(suppressRow([30, 8, 22, 0], 5, [[10, 2, 8, 0], [10, 3, 7, 0], [10, 3, 7, 0]]).cells.map((c) => c.text)).toEqual(['30', '8', '22', '0']);
  });

  it('holds back a rate hidden in exactly one month, and its smallest sibling with it', () => {
    const [n1, n2] = suppressRates([{ n: 23, d: 44 }, { n: 30, d: 60 }], 5, [[{ n: 10, d: 20 }, { n: 10, d: 20 }], [{ n: 3, d: 4 }, { n: 10, d: 20 }], [{ n: 10, d: 20 }, { n: 10, d: 20 }]]);
    expect([n1!.text, n2!.text]).toEqual(['held back, so a small number cannot be worked out (of 44)', 'held back, so a small number cannot be worked out (of 60)']);
  });
});
