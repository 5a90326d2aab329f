// pat-infant: a 4-week-old boy, kept small: birth and follow-up weights and lengths, heart rate
// and temperature; no allergies recorded, no medicines, no problems ("not recorded" states).
import { quantityResult } from '../observations.js';
import { addCareSetting, addPatient, usCareSetting } from '../people.js';
import { PatientRecord, type ArchetypeContext } from '../patient-record.js';
import { SERIES } from '../terminology.js';
import type { ArchetypeResult } from './archetype-result.js';

export const INFANT_ID = 'pat-infant';

const AGE_DAYS = 28;
const NEWBORN_HEART_RATE = { low: 100, high: 160 };

export function infantPatient(context: ArchetypeContext): ArchetypeResult {
  const record = new PatientRecord(INFANT_ID, context, -300);
  const random = record.random;
  const notable: Record<string, string> = {};

  addCareSetting(record, usCareSetting({ use: 'official', family: 'Raman', given: ['Priya'], prefix: ['Dr'] }, '1326048159'));
  addPatient(record, {
    name: { use: 'official', family: 'Nowak', given: ['Oliver'] },
    gender: 'male',
    birthDate: record.date(AGE_DAYS),
    address: { use: 'home', line: ['5 Bridge Street'], city: 'Holyoke', state: 'MA', postalCode: '01040', country: 'US' },
    phone: '+1 413 555 0190',
    mrn: 'RGH0090311',
    contact: { name: { use: 'official', family: 'Nowak', given: ['Anna'] }, relationship: 'Mother', phone: '+1 413 555 0191' },
  });

  // [age in days, weight kg, length cm or undefined]
  const checks: readonly (readonly [number, number, number | undefined])[] = [
    [0, 3.42, 50.5],
    [3, 3.21, undefined],
    [14, 3.55, undefined],
    [26, 3.95, 53.0],
  ];
  for (const [ageDays, weight, length] of checks) {
    const daysAgo = AGE_DAYS - ageDays;
    const minuteOfDay = random.int(9 * 60, 15 * 60);
    const result = quantityResult(record, SERIES.bodyWeight, weight + random.noise(0.02), daysAgo, { minuteOfDay });
    if (ageDays === 0) notable.birthWeight = result.id!;
    if (length !== undefined) quantityResult(record, SERIES.bodyHeight, length, daysAgo, { minuteOfDay });
    if (ageDays === 3 || ageDays === 26) {
      quantityResult(record, SERIES.heartRate, 140 + random.noise(6), daysAgo, { minuteOfDay, range: NEWBORN_HEART_RATE });
      quantityResult(record, SERIES.bodyTemperature, 36.9 + random.noise(0.1), daysAgo, { minuteOfDay });
    }
  }

  return { bundle: record.toBundle(), notable };
}
