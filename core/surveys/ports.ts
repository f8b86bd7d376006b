import type { Survey } from './survey';

/** Where surveys' aggregate results live. */
export interface SurveyStore {
  /** Replaces the survey with this id (a re-import of the same survey and dates). */
  save(survey: Survey): Promise<void>;
  get(id: string): Promise<Survey | undefined>;
  /** Every survey on file (a council runs a handful a year). */
  list(): Promise<Survey[]>;
}
