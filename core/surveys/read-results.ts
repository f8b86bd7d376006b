import type { PiiScan } from '../pii/general-terms';
import { piiKindLabel } from '../pii/kinds';
import type { RowProblem, SourceRow } from '../intake';
import { SurveyResultSchema, type SurveyResult } from './survey';

/** The four columns a survey file has, and the other spellings a spreadsheet may use for each. */
export const SURVEY_COLUMNS = {
  question: ['question'],
  group: ['group', 'groupname', 'cohort'],
  answering: ['numberanswering', 'answering', 'answered', 'numberanswered', 'respondents', 'numberofrespondents', 'n'],
  agreeing: ['shareagreeing', 'agreeing', 'percentagreeing', 'agree', 'agreed', 'shareagreed'],
} as const;
type Field = keyof typeof SURVEY_COLUMNS;

const loose = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
// Column names that mean a file holds each young person's answers, or their own words.
const INDIVIDUAL = /respondent|response|answer|comment|freetext|name|email|dob|birth|age|postcode|id$|^id|ref|upn|school|verbatim|quote|words|feedback|why|other/;

export interface SurveyFileProblem {
  /** A problem with the file as a whole (a column): nothing is read. */
  file?: string;
  rejected: RowProblem[];
  results: (SurveyResult & { at: SourceRow['at'] })[];
}

/** Which canonical column each file column is; a column that is none of the four refuses the whole file. */
function columnsOf(columns: readonly string[]): { byColumn: Map<string, Field>; problem?: string } {
  const byColumn = new Map<string, Field>();
  const extra: string[] = [];
  for (const col of columns) {
    const field = (Object.keys(SURVEY_COLUMNS) as Field[]).find((f) => (SURVEY_COLUMNS[f] as readonly string[]).includes(loose(col)));
    if (field && ![...byColumn.values()].includes(field)) byColumn.set(col, field);
    else if (col.trim()) extra.push(col);
  }
  if (extra.length) {
    const individual = extra.filter((c) => INDIVIDUAL.test(loose(c)));
    const named = extra.map((c) => `"${c}"`).join(', ');
    return {
      byColumn,
      problem: individual.length
        ? `This file has ${extra.length === 1 ? 'a column' : 'columns'} (${named}) that ${extra.length === 1 ? 'looks' : 'look'} like individual answers or young people's own words. Golden Thread keeps only each question's totals, so nothing was imported: please remove ${extra.length === 1 ? 'it' : 'them'} and send the four columns question, group, number answering and share agreeing.`
        : `This file has ${extra.length === 1 ? 'a column' : 'columns'} Golden Thread does not keep (${named}), so nothing was imported: send only the four columns question, group, number answering and share agreeing.`,
    };
  }
  const missing = (Object.keys(SURVEY_COLUMNS) as Field[]).filter((f) => ![...byColumn.values()].includes(f));
  if (missing.length) return { byColumn, problem: `The file has no ${missing.map((f) => `"${HEADER[f]}"`).join(' or ')} column, so nothing was imported: the header needs question, group, number answering and share agreeing.` };
  return { byColumn };
}

const HEADER: Record<Field, string> = { question: 'question', group: 'group', answering: 'number answering', agreeing: 'share agreeing' };

const numberOf = (raw: unknown, percent: boolean): unknown => {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string' || !raw.trim()) return undefined;
  const s = raw.trim().replace(/,/g, '');
  const m = percent ? /^(\d+(?:\.\d+)?)\s*%?$/.exec(s) : /^(\d+)$/.exec(s);
  return m ? Number(m[1]) : raw;
};

const reasonFor = (field: Field, value: unknown): string => {
  if (value === undefined) return 'is required';
  if (field === 'answering') return 'must be a whole number of young people who answered (a count, e.g. 42)';
  if (field === 'agreeing') {
    if (typeof value === 'string' && /^(yes|no|agree|disagree|strongly|maybe|not sure|don.t know)/i.test(value.trim()))
      return `"${value.trim().slice(0, 20)}" is one person's answer: Golden Thread keeps only the share agreeing, 0 to 100 (per cent)`;
    return 'must be the share agreeing, 0 to 100 (per cent, e.g. 72 or 72%)';
  }
  if (field === 'question') return 'must be the question, 3 to 300 characters';
  return 'must be the group, e.g. "children in care aged 11 to 17" (up to 100 characters)';
};

/**
 * Reads a survey file's rows: every problem named by line and column, nothing kept from a bad file. The
 * question and group are checked by the PII guard (they are shown to the board), and the same question for
 * the same group twice is refused.
 */
export function readSurveyResults(file: { rows: readonly SourceRow[]; columns: readonly string[] }, pii: PiiScan): SurveyFileProblem {
  const { byColumn, problem } = columnsOf(file.columns);
  if (problem) return { file: problem, rejected: [], results: [] };
  const columnOf = new Map([...byColumn].map(([c, f]) => [f, c]));
  const rejected: RowProblem[] = [];
  const results: SurveyFileProblem['results'] = [];
  const seen = new Map<string, SourceRow['at']>();
  for (const { at, values } of file.rows) {
    const cand: Record<string, unknown> = {};
    for (const [col, field] of byColumn) {
      const raw = values[col];
      cand[field] = field === 'answering' || field === 'agreeing' ? numberOf(raw, field === 'agreeing') : typeof raw === 'string' && raw.trim() ? raw.trim() : undefined;
    }
    const parsed = SurveyResultSchema.safeParse(cand);
    const problems: RowProblem[] = [];
    if (!parsed.success) {
      for (const f of new Set(parsed.error.issues.map((i) => String(i.path[0]) as Field))) {
        const raw = values[columnOf.get(f) ?? ''];
        problems.push({ ...at, column: columnOf.get(f) ?? HEADER[f], reason: reasonFor(f, typeof raw === 'string' && !raw.trim() ? undefined : raw) });
      }
    }
    for (const f of ['question', 'group'] as const) {
      const text = typeof cand[f] === 'string' ? (cand[f] as string) : '';
      const found = text ? pii(text) : [];
      if (found.length) problems.push({ ...at, column: columnOf.get(f)!, reason: `seems to identify someone (${[...new Set(found.map((x) => piiKindLabel[x.kind]))].join(', ')}): the board sees this text, so write it without names or details` });
    }
    if (problems.length || !parsed.success) {
      rejected.push(...problems);
      continue;
    }
    const key = `${parsed.data.question.toLowerCase()}\u0000${parsed.data.group.toLowerCase()}`;
    const first = seen.get(key);
    if (first) {
      rejected.push({ ...at, column: columnOf.get('question')!, reason: `duplicate: the same question for the same group is also on ${'line' in first ? `line ${first.line}` : `row ${first.row}`}` });
      continue;
    }
    seen.set(key, at);
    results.push({ ...parsed.data, at });
  }
  return { rejected, results };
}
