import type { SourceRow } from '../intake';
import type { PersonStore } from '../ports';
import type { SurveyImportDeps } from './import-survey';

/** What the bot's survey card needs: the import's dependencies, who is who, and a CSV reader (the HTTP import's own). */
export interface SurveyCardFeature extends SurveyImportDeps {
  people: Pick<PersonStore, 'get'>;
  /** Reads pasted CSV (or tab-separated cells copied from a spreadsheet); throws DomainError INVALID naming the line. */
  readCsv(text: string): { rows: readonly SourceRow[]; columns: readonly string[] };
  /** Below this many answering, an item leaves the share out (the suppression threshold). */
  suppressBelow: number;
}
