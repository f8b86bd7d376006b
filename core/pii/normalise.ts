/**
 * What the rules match against: the text as a reader sees it. NFKC (full-width and styled letters become
 * plain), invisible characters removed (zero-width spaces, joiners, soft hyphens, bidi marks), and Cyrillic or
 * Greek lookalikes inside a Latin word folded to Latin ("Jоrdan" with a Cyrillic о). `at[i]` is the offset in
 * the original text of normalised character i, so findings can be highlighted where the worker typed them.
 */
export interface Normalised {
  text: string;
  at: number[];
}

// Invisible characters: soft hyphen, joiners, zero-width spaces, bidi marks, variation selectors, fillers.
const INVISIBLE_RANGES: readonly [number, number][] = [
  [0x00ad, 0x00ad], [0x034f, 0x034f], [0x061c, 0x061c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180e, 0x180e],
  [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x206f], [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xfeff, 0xfeff], [0xffa0, 0xffa0],
];
const isInvisible = (ch: string): boolean => {
  const c = ch.codePointAt(0) ?? 0;
  return INVISIBLE_RANGES.some(([lo, hi]) => c >= lo && c <= hi);
};

// Lookalikes of Latin letters (Unicode confusables, the ones a keyboard or a paste produces).
const HOMOGLYPHS: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y',
  І: 'I', Ј: 'J', Ѕ: 'S', Ԁ: 'D', Ԛ: 'Q', Ԝ: 'W', Һ: 'H', Ӏ: 'I',
  α: 'a', ο: 'o', ν: 'v', ρ: 'p', τ: 't', υ: 'u', ι: 'i', κ: 'k',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};
const LATIN = /\p{Script=Latin}/u;
const WORD_CHAR = /[\p{L}\p{M}]/u;

let identityCache: number[] = [];
const identity = (n: number): number[] => {
  if (identityCache.length < n) identityCache = Array.from({ length: Math.max(n, 2 * identityCache.length) }, (_, i) => i);
  return identityCache.slice(0, n);
};

/** Normalises `text` for matching, keeping where each character came from. */
export function normalise(text: string): Normalised {
  // Plain ASCII needs nothing: the common case, kept cheap.
  if (/^[\x20-\x7e\n\r\t]*$/.test(text)) return { text, at: identity(text.length + 1) };
  let out = '';
  const at: number[] = [];
  let i = 0;
  for (const ch of text) {
    if (!isInvisible(ch)) {
      const n = ch.normalize('NFKC');
      for (let k = 0; k < n.length; k++) at.push(i);
      out += n;
    }
    i += ch.length;
  }
  at.push(text.length);
  // Fold lookalikes only inside a word that also has Latin letters: a name written all in Cyrillic stays as it is.
  const chars = [...out];
  if (!chars.some((c) => c in HOMOGLYPHS)) return { text: out, at };
  let folded = '';
  let start = 0;
  while (start < chars.length) {
    let end = start;
    const inWord = WORD_CHAR.test(chars[start] as string);
    while (end < chars.length && WORD_CHAR.test(chars[end] as string) === inWord) end++;
    const word = chars.slice(start, end);
    const mixed = inWord && word.some((c) => LATIN.test(c));
    folded += mixed ? word.map((c) => HOMOGLYPHS[c] ?? c).join('') : word.join('');
    start = end;
  }
  return { text: folded, at };
}

/** A word without accents, for looking it up in the name list ("Zoë" → "zoe", "Łukasz" → "lukasz"). */
export function foldAccents(word: string): string {
  if (/^[\x20-\x7e]*$/.test(word)) return word;
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[Łł]/g, (c) => (c === 'Ł' ? 'L' : 'l'))
    .replace(/[Øø]/g, (c) => (c === 'Ø' ? 'O' : 'o'))
    .replace(/[Đđ]/g, (c) => (c === 'Đ' ? 'D' : 'd'))
    .replace(/ß/g, 'ss')
    .replace(/[Ææ]/g, (c) => (c === 'Æ' ? 'AE' : 'ae'));
}

/** Maps a finding's [start, end) in the normalised text back to the original text (invisible characters around it left out). */
export function toOriginal(n: Normalised, original: string, start: number, end: number): { start: number; end: number } {
  const from = n.at[start] ?? 0;
  const last = n.at[Math.max(start, end - 1)] ?? from;
  const width = (original.codePointAt(last) ?? 0) > 0xffff ? 2 : 1;
  return { start: from, end: Math.min(original.length, last + width) };
}
