// ImagingStudy (DSTU2, STU3, R4, R5) → what an imaging report shows about its study: started date,
// modalities and body sites (of the study and its series), series and instance counts, description, and the bare DICOM Study
// Instance UID for a viewer link (the OHIF form `…?StudyInstanceUIDs={studyUid}`).
import { codingsOf, conceptText } from './codes.js';
import type { AnyResource } from './fhir-types.js';

export interface ImagingStudyView {
  id?: string;
  resource: AnyResource;
  status?: string;
  started?: string;
  /** Modality codes (`CT`, `DX` …) or their text, without repeats. */
  modalities: string[];
  bodySites: string[];
  description?: string;
  numberOfSeries?: number;
  numberOfInstances?: number;
  /** The bare Study Instance UID (`1.2.840…`), when the study names one. */
  studyUid?: string;
}

const DICOM_UID = /^[0-9]+(\.[0-9]+)*$/;

function bareUid(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim().replace(/^urn:oid:/i, '');
  return DICOM_UID.test(trimmed) && trimmed.length <= 64 ? trimmed : undefined;
}

/**
 * The Study Instance UID: `identifier` with system `urn:dicom:uid` (R4 / R5; value `urn:oid:…`),
 * else any identifier whose value is a `urn:oid:` DICOM UID (Synthea writes system
 * `urn:ietf:rfc:3986`), else DSTU2 / STU3 `uid`.
 */
export function studyUidOf(study: AnyResource): string | undefined {
  const identifiers = Array.isArray(study.identifier) ? (study.identifier as { system?: unknown; value?: unknown }[]) : [];
  const dicom = identifiers.find((i) => i?.system === 'urn:dicom:uid');
  const fromDicom = bareUid(dicom?.value);
  if (fromDicom) return fromDicom;
  for (const identifier of identifiers) {
    if (typeof identifier?.value === 'string' && /^urn:oid:/i.test(identifier.value)) {
      const uid = bareUid(identifier.value);
      if (uid) return uid;
    }
  }
  return bareUid(study.uid);
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function modalityText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  const code = codingsOf(value).find((c) => typeof c.code === 'string')?.code;
  return code ?? conceptText(value);
}

export function imagingStudyView(study: AnyResource): ImagingStudyView {
  const modalities: string[] = [];
  const bodySites: string[] = [];
  const add = (list: string[], value: string | undefined) => {
    if (value && !list.includes(value)) list.push(value);
  };
  // R4 / R5 `modality` is a list of Codings / CodeableConcepts; DSTU2 / STU3 `modalityList`.
  for (const m of [study.modality, study.modalityList].flat()) add(modalities, modalityText(m));
  // The series give modalities, body sites and counts (what a study line shows of them).
  let series = 0;
  let instances = 0;
  for (const raw of Array.isArray(study.series) ? (study.series as Record<string, unknown>[]) : []) {
    if (!raw || typeof raw !== 'object') continue;
    add(modalities, modalityText(raw.modality));
    add(bodySites, conceptText(raw.bodySite) ?? conceptText((raw.bodySite as { concept?: unknown } | undefined)?.concept));
    series += 1;
    instances += count(raw.numberOfInstances) ?? (Array.isArray(raw.instance) ? raw.instance.length : 0);
  }
  const started = typeof study.started === 'string' ? study.started : undefined;
  const description = typeof study.description === 'string' && study.description.trim() ? study.description : undefined;
  const studyUid = studyUidOf(study);
  const numberOfSeries = count(study.numberOfSeries) ?? (series || undefined);
  const numberOfInstances = count(study.numberOfInstances) ?? (series ? instances : undefined);
  return {
    ...(study.id ? { id: study.id } : {}),
    resource: study,
    ...(typeof study.status === 'string' ? { status: study.status } : {}),
    ...(started ? { started } : {}),
    modalities,
    bodySites,
    ...(description ? { description } : {}),
    ...(numberOfSeries !== undefined ? { numberOfSeries } : {}),
    ...(numberOfInstances !== undefined ? { numberOfInstances } : {}),
    ...(studyUid ? { studyUid } : {}),
  };
}

/**
 * The viewer link for a study: the host's template with `{studyUid}` replaced by the percent-encoded
 * UID. Undefined when there is no UID, the template has no `{studyUid}`, or the result is not http(s).
 */
export function viewerUrl(template: string | null | undefined, studyUid: string | undefined): string | undefined {
  if (!template || !studyUid || !template.includes('{studyUid}')) return undefined;
  const href = template.split('{studyUid}').join(encodeURIComponent(studyUid));
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
