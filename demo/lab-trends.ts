// The lab trends the demo pages offer: `code` values for <fhir-lab-trend> (one or more
// system|code pairs plotted as one series; the blood-pressure panels plot two series).

const loinc = (...codes: string[]): string => codes.map((code) => `http://loinc.org|${code}`).join(',');

export interface LabTrendChoice {
  label: string;
  code: string;
}

export const LAB_TRENDS: readonly LabTrendChoice[] = [
  { label: 'HbA1c', code: loinc('4548-4', '17856-6') },
  { label: 'Blood pressure', code: loinc('85354-9', '55284-4') },
  { label: 'eGFR', code: loinc('33914-3', '62238-1', '48642-3', '48643-1') },
  { label: 'Creatinine', code: loinc('2160-0', '14682-9') },
  { label: 'Potassium', code: loinc('2823-3', '6298-4') },
  { label: 'Haemoglobin', code: loinc('718-7') },
  { label: 'Fasting glucose', code: loinc('1558-6') },
  { label: 'Weight', code: loinc('29463-7') },
  { label: 'Height', code: loinc('8302-2') },
  { label: 'BMI', code: loinc('39156-5') },
  { label: 'Heart rate', code: loinc('8867-4') },
  { label: 'Body temperature', code: loinc('8310-5') },
];

/** Fills a <select> with the choices (values are the `code` attribute values). */
export function fillLabTrendSelect(select: HTMLSelectElement, selected = LAB_TRENDS[0].code): void {
  select.replaceChildren(
    ...LAB_TRENDS.map((choice) => {
      const option = document.createElement('option');
      option.value = choice.code;
      option.textContent = choice.label;
      option.selected = choice.code === selected;
      return option;
    }),
  );
}

/**
 * Selects the choice whose `code` includes `code` (one `system|code`), adding an option labelled
 * `label` when no choice has it (a test chosen in the results that the list does not offer).
 */
export function showLabTrendChoice(select: HTMLSelectElement, code: string, label: string): void {
  const existing = [...select.options].find((option) => option.value.split(',').includes(code));
  if (existing) {
    existing.selected = true;
    return;
  }
  const option = document.createElement('option');
  option.value = code;
  option.textContent = label;
  select.append(option);
  option.selected = true;
}
