// Patient, Practitioner and Organization resources for a demo record.
import type { Address, ContactPoint, HumanName, Identifier, Patient } from 'fhir/r4';
import type { PatientRecord } from './patient-record.js';
import { SYSTEM, coding, concept } from './terminology.js';

export interface PersonDetails {
  readonly name: HumanName;
  readonly gender: Patient['gender'];
  readonly birthDate: string;
  readonly address: Address;
  readonly phone: string;
  readonly mrn: string;
  /** A 10-digit NHS number (valid modulus-11 check digit). */
  readonly nhsNumber?: string;
  readonly contact?: { readonly name: HumanName; readonly relationship: string; readonly phone: string };
}

export interface CareSetting {
  readonly organizationName: string;
  readonly organizationIdentifier: Identifier;
  readonly address: Address;
  readonly phone: string;
  readonly clinician: HumanName;
  readonly clinicianIdentifier: Identifier;
}

const MRN_SYSTEM = 'https://riverside-health.example/fhir/sid/mrn';

const MRN_TYPE = concept(coding(SYSTEM.identifierType, 'MR', 'Medical record number'), 'MRN');
const NHS_TYPE = concept(coding(SYSTEM.identifierType, 'NH', 'National Health Plan Identifier'), 'NHS number');

/** "Dr Sarah Chen" / "Mr Arthur James Whitfield": prefix, given names, family. */
export function nameDisplay(name: HumanName): string {
  return [...(name.prefix ?? []), ...(name.given ?? []), name.family ?? ''].filter(Boolean).join(' ');
}

function phone(value: string, use: ContactPoint['use']): ContactPoint {
  return { system: 'phone', value, use };
}

/** Adds the Organization and Practitioner of a care setting; sets the record's lab and clinician. */
export function addCareSetting(record: PatientRecord, setting: CareSetting): void {
  const organizationId = record.nextId('Organization');
  record.add({
    resourceType: 'Organization',
    id: organizationId,
    identifier: [setting.organizationIdentifier],
    active: true,
    type: [concept(coding(SYSTEM.organizationType, 'prov', 'Healthcare Provider'))],
    name: setting.organizationName,
    telecom: [phone(setting.phone, 'work')],
    address: [setting.address],
  });
  record.laboratory = { reference: `Organization/${organizationId}`, display: setting.organizationName };

  const practitionerId = record.nextId('Practitioner');
  record.add({
    resourceType: 'Practitioner',
    id: practitionerId,
    identifier: [setting.clinicianIdentifier],
    active: true,
    name: [setting.clinician],
    telecom: [phone(setting.phone, 'work')],
  });
  record.clinician = { reference: `Practitioner/${practitionerId}`, display: nameDisplay(setting.clinician) };
}

/** Adds the Patient resource (id = the record's patient id). */
export function addPatient(record: PatientRecord, person: PersonDetails): Patient {
  const identifier: Identifier[] = [{ use: 'usual', type: MRN_TYPE, system: MRN_SYSTEM, value: person.mrn }];
  if (person.nhsNumber) {
    identifier.push({ use: 'official', type: NHS_TYPE, system: SYSTEM.nhsNumber, value: person.nhsNumber });
  }
  const patient: Patient = {
    resourceType: 'Patient',
    id: record.patientId,
    identifier,
    active: true,
    name: [person.name],
    telecom: [phone(person.phone, 'home')],
    gender: person.gender,
    birthDate: person.birthDate,
    address: [person.address],
  };
  if (person.contact) {
    patient.contact = [
      {
        relationship: [concept(coding(SYSTEM.contactRelationship, 'N', 'Next-of-Kin'), person.contact.relationship)],
        name: person.contact.name,
        telecom: [phone(person.contact.phone, 'mobile')],
      },
    ];
  }
  patient.generalPractitioner = [record.clinician];
  patient.managingOrganization = record.laboratory;
  return record.add(patient);
}

/** US care setting shared by the US archetypes (each bundle gets its own copy and ids). */
export function usCareSetting(clinician: HumanName, npi: string): CareSetting {
  return {
    organizationName: 'Riverside General Hospital',
    organizationIdentifier: { system: 'https://riverside-health.example/fhir/sid/org', value: 'RGH' },
    address: { use: 'work', line: ['1200 Riverside Avenue'], city: 'Springfield', state: 'MA', postalCode: '01105', country: 'US' },
    phone: '+1 413 555 0100',
    clinician,
    clinicianIdentifier: { system: SYSTEM.npi, value: npi },
  };
}
