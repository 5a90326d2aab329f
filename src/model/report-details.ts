// What only the list of reports and its detail show of a report: its conclusion, conclusion codes, notes, its
// studies' modalities and body sites, and — read the first time they are asked for (an opened
// report) — its people, result rows, attachments and media. Loaded with the list of reports, which
// hands `readDetails` to the model (`setDetailReader`), so the flowsheet, which shows none of it,
// does not load it.
import { conceptText } from './codes.js';
import { needed, notesOf, readers, type DetailReader, type ReportView } from './diagnostic-report.js';
import { actorsOf } from './report-people.js';

/** Defines `view[key]` as read by `read` the first time it is asked for, then kept. */
function readLater<K extends keyof ReportView>(view: ReportView, key: K, read: () => ReportView[K]): void {
  Object.defineProperty(view, key, {
    enumerable: true,
    configurable: true,
    get(this: ReportView): ReportView[K] {
      const value = read();
      Object.defineProperty(this, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}

const unique = (values: string[]): string[] => [...new Set(values)];

export const readDetails: DetailReader = (core, report, reading, found) => {
  // The report becomes a `ReportView`: each of its details is set here.
  const view = core as ReportView;
  const conclusion = typeof report.conclusion === 'string' && report.conclusion.trim() ? report.conclusion : undefined;
  if (conclusion) view.conclusion = conclusion;
  view.conclusionCodes = [report.conclusionCode, report.codedDiagnosis]
    .flat()
    .map((c) => conceptText((c as { concept?: unknown } | undefined)?.concept ?? c))
    .filter((t): t is string => !!t);
  view.notes = notesOf(report.note);
  view.modalities = unique(view.studies.flatMap((s) => s.modalities));
  view.bodySites = unique(view.studies.flatMap((s) => s.bodySites));
  // The rows (the report detail's readers), attachments and media are read the first time they are
  // asked for (an opened report), then kept; the people when the list first draws the report.
  const { index, codes } = reading;
  readLater(view, 'results', () => (found.length ? found.map((result) => needed(readers.row, 'the row reader (result-rows.ts)')(result, codes)) : []));
  const forms = report.presentedForm;
  const attachments = () => needed(readers.attachments, 'the attachment readers (report-attachments.ts)');
  readLater(view, 'attachments', () => (Array.isArray(forms) && forms.length ? forms.map((a) => attachments().attachment(a)) : []));
  readLater(view, 'media', () => ((report.media ?? report.image) != null ? attachments().media(report, index) : []));
  readLater(view, 'performers', () => actorsOf(report.performer, index, report));
  readLater(view, 'interpreters', () => actorsOf(report.resultsInterpreter, index, report));
};
