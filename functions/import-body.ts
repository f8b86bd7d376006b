import { parse } from 'csv-parse/sync';
import { DomainError } from '../core/errors';
import type { SourceRow } from '../core/intake';

export type BodyFormat = 'csv' | 'json';

export interface DecodedBody {
  format: BodyFormat;
  columns: string[];
  rows: SourceRow[];
}

/** CSV unless the Content-Type says JSON (or, with no type, the body starts with '['). */
export function formatOf(contentType: string | null, text: string): BodyFormat | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel'].includes(type)) return 'csv';
  if (type === '') return text.trimStart().startsWith('[') ? 'json' : 'csv';
  return undefined;
}

/** A file as rows keyed by its own column names, each with where it came from; an unreadable file is INVALID. */
export function decodeBody(format: BodyFormat, text: string): DecodedBody {
  return format === 'csv' ? decodeCsv(text) : decodeJson(text);
}

/**
 * CSV pasted into a card, or cells copied from a spreadsheet (tab-separated: each line is quoted into CSV),
 * read as the HTTP import reads a file.
 */
export function readPastedCsv(text: string): DecodedBody {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  if (!first.includes('\t') || first.includes(',')) return decodeCsv(text);
  const quoted = text.split(/\r?\n/).map((line) => line.split('\t').map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n');
  return decodeCsv(quoted);
}

type Record_ = { record: string[]; info: { lines: number } };

function decodeCsv(text: string): DecodedBody {
  let records: Record_[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as Record_[];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new DomainError('INVALID', `The CSV could not be read${line ? ` at line ${line}` : ''}: ${(err as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) throw new DomainError('INVALID', 'The file is empty: a header row is expected.');
  const columns = header.record;
  const rows = body.map(({ record, info }) => {
    // info.lines is where the record ends; a quoted value may span lines, so count back to where it starts.
    const spanned = record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
    const values = Object.fromEntries(columns.map((c, i) => [c, record[i] ?? '']));
    // How many values the line held, so a line cut short or with an unquoted comma is refused (core/intake/rows).
    return { at: { line: info.lines - spanned }, values, cells: record.length, overflow: record.slice(columns.length) };
  });
  return { format: 'csv', columns, rows };
}

function decodeJson(text: string): DecodedBody {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new DomainError('INVALID', `The JSON could not be read: ${(err as Error).message}`);
  }
  if (!Array.isArray(data)) throw new DomainError('INVALID', 'Expected a JSON array of records.');
  const columns = new Set<string>();
  const rows = data.map((item, i) => {
    const values = item && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : {};
    Object.keys(values).forEach((k) => columns.add(k));
    return { at: { row: i + 1 }, values };
  });
  return { format: 'json', columns: [...columns], rows };
}
