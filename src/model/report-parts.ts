// The readers of what only some records have: imaging studies (a report's, and those no report
// names). One module, so a caller loads it only for records that have them (`needsReportParts`
// in diagnostic-report.ts) and passes it to `buildResults` as `parts`. (Attachments and media are
// read when a report is opened: src/model/report-attachments.ts, with the report detail.)
import { fhirDateToTime } from './dates.js';
import { missingOf, refsOf, type MissingReference, type Reading, type ReportView } from './diagnostic-report.js';
import type { AnyResource } from './fhir-types.js';
import { imagingStudyView, viewerUrl, type ImagingStudyView } from './imaging-study.js';

// With the readers, what the element draws of what they read: a study's viewer link.
export { imagingStudyView, viewerUrl };

/** A report's imaging studies (`imagingStudy` DSTU2–R4, `study` R5) and the ones it names but lacks. */
export function readImaging(
  report: AnyResource,
  reading: Reading,
  studiesShown: Set<AnyResource>,
): Pick<ReportView, 'studies' | 'missingStudies'> {
  const { index } = reading;
  const studies: ImagingStudyView[] = [];
  const missingStudies: MissingReference[] = [];
  for (const ref of refsOf(report.imagingStudy ?? report.study)) {
    const study = index.resolve(ref.reference, report);
    if (!study || study.resourceType !== 'ImagingStudy') {
      // R5 `study` may be a GenomicStudy: only ImagingStudy references are imaging.
      if (!ref.reference || /ImagingStudy\//.test(ref.reference) || ref.reference.startsWith('urn:')) missingStudies.push(missingOf(ref, reading.failed));
      continue;
    }
    if (!reading.accepted(study)) {
      reading.hidden.otherPatient += 1;
      continue;
    }
    studiesShown.add(study);
    studies.push(imagingStudyView(study));
  }
  return { studies, missingStudies };
}

/**
 * The ImagingStudies of `lists` (the study search's, then the pool) no shown report references,
 * newest first: another patient's and entered-in-error ones never, none started before `start`.
 */
export function unreportedStudiesOf(
  lists: readonly (readonly AnyResource[])[],
  studiesShown: ReadonlySet<AnyResource>,
  rejected: ReadonlySet<AnyResource>,
  start: number,
): ImagingStudyView[] {
  const out: ImagingStudyView[] = [];
  const seen = new Set<AnyResource>();
  for (const list of lists) {
    for (const study of list) {
      if (study?.resourceType !== 'ImagingStudy' || seen.has(study) || studiesShown.has(study)) continue;
      seen.add(study);
      if (rejected.has(study)) continue; // counted with the pool's other-patient resources
      if (study.status === 'entered-in-error') continue; // never shown
      const view = imagingStudyView(study);
      const time = fhirDateToTime(view.started);
      if (time !== undefined && time < start) continue;
      out.push(view);
    }
  }
  return out.sort((a, b) => (fhirDateToTime(b.started) ?? -Infinity) - (fhirDateToTime(a.started) ?? -Infinity));
}
