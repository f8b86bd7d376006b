import type { IsoDate } from '../../core/calendar';
import { ActivitySchema, type Activity, type ActivityStore } from '../../core/activities';
import { SurveySchema, type Survey, type SurveyStore } from '../../core/surveys';
import { monthsCovering } from '../../core/tracker';
import { fromEntity, getOrUndefined, listPartition, listPartitionRange, toProperties, type LazyClient } from './entity';
import { encodeKey } from './keys';

// A string property holds at most 32K characters: a survey's results are kept in chunks of this size.
const CHUNK = 30_000;

/**
 * Surveys' aggregate results, one row each in partition `survey` (row key: the survey's name and dates, so
 * a re-import replaces it); the results as JSON in chunks `results0`, `results1`, ...
 */
export class TableSurveyStore implements SurveyStore {
  constructor(private readonly client: LazyClient) {}

  async save(survey: Survey): Promise<void> {
    const { results, ...rest } = survey;
    const json = JSON.stringify(results);
    const chunks = Object.fromEntries(Array.from({ length: Math.ceil(json.length / CHUNK) }, (_, i) => [`results${i}`, json.slice(i * CHUNK, (i + 1) * CHUNK)]));
    await (await this.client()).upsertEntity({ partitionKey: 'survey', rowKey: encodeKey(survey.id), ...toProperties(rest), ...chunks }, 'Replace');
  }

  async get(id: string): Promise<Survey | undefined> {
    const e = await getOrUndefined(await this.client(), 'survey', encodeKey(id));
    return e ? this.read(e) : undefined;
  }

  async list(): Promise<Survey[]> {
    return (await listPartition(await this.client(), 'survey')).map((e) => this.read(e));
  }

  private read(e: Record<string, unknown>): Survey {
    const parts = Object.keys(e).filter((k) => /^results\d+$/.test(k)).sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
    const rest = Object.fromEntries(Object.entries(e).filter(([k]) => !/^results\d+$/.test(k)));
    return fromEntity(SurveySchema, { ...rest, results: parts.map((k) => e[k] as string).join('') }, ['results']);
  }
}

/** Group activities by the London month they took place (`activity|YYYY-MM`), so a digest reads only its months. */
export class TableActivityStore implements ActivityStore {
  constructor(private readonly client: LazyClient) {}

  async save(a: Activity): Promise<void> {
    await (await this.client()).upsertEntity({ partitionKey: `activity|${a.on.slice(0, 7)}`, rowKey: encodeKey(a.id), ...toProperties(a) }, 'Replace');
  }

  async listBetween(from: IsoDate, to: IsoDate): Promise<Activity[]> {
    const months = monthsCovering(from, to);
    if (!months.length) return [];
    const rows = await listPartitionRange(await this.client(), `activity|${months[0]}`, `activity|${months.at(-1)}`);
    return rows.map((e) => fromEntity(ActivitySchema, e, ['promiseIds', 'recognition'])).filter((a) => a.on >= from && a.on < to);
  }
}
