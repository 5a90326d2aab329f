// What the lab trend reads: every Observation of the trend's codes, oldest first, paged to the end
// (or to LAB_TREND_LIMIT, and the trend then says so).
import { trendQuery, trendSearchCode } from '../../model/lab-series.js';
import { FhirError } from '../errors.js';
import type { FhirLoader, SearchResult } from '../loader.js';

/** Most results one trend reads from a server (paging stops there and the widget says so). */
export const LAB_TREND_LIMIT = 100_000;

export interface LabSeriesQuery {
  /** The `code` attribute: `system|code[,system|code…]`. */
  code: string | null | undefined;
  /** Results asked for per page (`_count`). */
  pageSize?: number;
  /** Message of the error when `code` names no code (the widget's own words). */
  noCodeMessage: string;
}

/** The Observations of one trend. */
export function labSeries(loader: FhirLoader, query: LabSeriesQuery, signal: AbortSignal): Promise<SearchResult> {
  const trend = trendQuery(query.code);
  if (!trend.codes.length) return Promise.reject(new FhirError('not-configured', query.noCodeMessage));
  const pageSize = query.pageSize;
  const count = pageSize !== undefined && Number.isFinite(pageSize) && pageSize > 0 ? Math.floor(pageSize) : undefined;
  // By code, so that the summary's vital signs asked for at the same time share one Observation search.
  return loader.searchPatientByCode('Observation', {
    codes: trendSearchCode(trend),
    sort: 'date',
    ...(count === undefined ? {} : { count }),
    limit: LAB_TREND_LIMIT,
    signal,
  });
}
