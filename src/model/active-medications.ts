// The patient summary's medication line: the names and count of active orders. Names and statuses
// come from the medication list's own readers, so both widgets name a drug the same way.
import type { AnyResource } from './fhir-types.js';
import { medicationStatus } from './medication-status.js';
import { medicationLabel, medicationName } from './medication-name.js';
import { partitionByPatient } from './resources.js';
import { sourcesOf } from './source-merge.js';

export interface ActiveMedications {
  /** One label per active order (`Amoxicillin, 500 mg, Capsule`), sorted. */
  names: string[];
  /** The same orders with the sources each came from (several sources; a duplicate lists each), in `names`' order. */
  items: { name: string; sources: readonly string[] }[];
  hidden: { enteredInError: number; otherPatient: number };
  truncated: boolean;
  total?: number;
}

export interface ActiveMedicationsOptions {
  /** Resources to resolve `medicationReference` in (`_include`d or fetched Medications). */
  included?: readonly AnyResource[];
  patientId?: string;
  aliases?: readonly string[];
  /** Text when nothing names the drug. */
  unnamed?: string;
  truncated?: boolean;
  total?: number;
}

/** Active MedicationRequests (DSTU2 MedicationOrders too) of one patient, by name. */
export function activeMedications(resources: readonly unknown[], options: ActiveMedicationsOptions = {}): ActiveMedications {
  const orders = resources.filter(
    (r): r is AnyResource =>
      !!r &&
      typeof r === 'object' &&
      ((r as AnyResource).resourceType === 'MedicationRequest' || (r as AnyResource).resourceType === 'MedicationOrder'),
  );
  const { kept, otherPatient } = partitionByPatient(orders, options.patientId, options.aliases);
  const hidden = { enteredInError: 0, otherPatient };
  const items: { name: string; sources: readonly string[] }[] = [];
  for (const order of kept) {
    const status = medicationStatus(order);
    if (status === 'entered-in-error') hidden.enteredInError += 1;
    if (status !== 'active') continue;
    const name = medicationName(order, { included: options.included, ...(options.unnamed ? { unnamed: options.unnamed } : {}) });
    items.push({ name: medicationLabel(name), sources: sourcesOf(order) });
  }
  items.sort((a, b) => a.name.localeCompare(b.name));
  return {
    names: items.map((item) => item.name),
    items,
    hidden,
    truncated: options.truncated === true,
    ...(options.total === undefined ? {} : { total: options.total }),
  };
}
