// The wiring reads one way: no file in functions/ imports, even for a type, a file that imports it back
// (directly or round a longer loop). A circle is how a composition root grows into a knot (issue 19).
// TypeScript's own pre-processor lists each file's imports; this test only follows them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(__dirname, '..');

function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolve(dirname(file), spec))
    .flatMap((base) => [`${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(f)) ?? []);
}

/** Every circle in a graph (file -> the files it imports), each as the loop it goes round. */
function loops(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    path.push(f);
    for (const t of graph.get(f) ?? []) {
      if (state.get(t) === 'open') found.push([...path.slice(path.indexOf(t)), t]);
      else if (!state.has(t)) visit(t);
    }
    path.pop();
    state.set(f, 'done');
  };
  [...graph.keys()].forEach((f) => state.has(f) || visit(f));
  return found;
}

const circles = (files: readonly string[]): string[][] => {
  const inScope = new Set(files);
  return loops(new Map(files.map((f) => [f, importsOf(f).filter((t) => inScope.has(t))]))).map((loop) => loop.map((p) => relative(root, p)));
};

const sources = (folder: string) =>
  readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(root, folder, f));

it('functions/ has no circle of imports', () => {
  expect(circles(sources('functions'))).toEqual([]);
});

it('finds a circle when there is one (so the check above can fail)', () => {
  expect(loops(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
  expect(loops(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
});
