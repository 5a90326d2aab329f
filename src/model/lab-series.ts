// Observations → the view model of a lab or vital-sign trend (<fhir-lab-trend>). The topics live
// in src/model/lab/: what to search (query), how a result is read (observation-reading,
// reference-range, interpretation), units (units), the one-pass build (trend-builder), the model's
// shape (series) and the views over it (windowing). This module is their public face.
//
// - One series from one or more codes; blood pressure panels (85354-9, 55284-4) become a systolic
//   (8480-6) and a diastolic (8462-4) series, also when a component code is asked for.
// - Statuses: final / amended / corrected plotted; preliminary (and registered / unknown) plotted
//   and marked; entered-in-error and cancelled hidden and counted (DESIGN.md §3 rule 3).
// - Another patient's Observations are dropped and counted (rule 4).
// - Quantities are plotted; comparators (`<5`) kept and marked; strings, codes and other
//   non-numeric values go to the table only; a value without any date is listed, not plotted.
// - Units: a series with several units is converted to its most recent unit where UCUM allows
//   (lazily loading ucum-lhc), else split into one series per unit (rule 5).
// - Reference range per point (low / high, text), interpretation as critical / abnormal / normal
//   (rule 7), whatever the FHIR version (STU3 / DSTU2 interpretation is a single concept).
import { startLabTrend, type LabTrendInput } from './lab/trend-builder.js';
import type { LabTrendModel } from './lab/series.js';
import { loadUnitConverter, type UnitConverter } from './unit-conversion.js';

export * from './lab/query.js';
export * from './lab/interpretation.js';
export * from './lab/series.js';
export * from './lab/windowing.js';
export { startLabTrend, type LabTrendBuild, type LabTrendInput, type LabTrendPreview } from './lab/trend-builder.js';
export type { TextValueKind } from './lab/observation-reading.js';

/** How ucum-lhc is loaded when a series has several units (default: lazy import). */
export type ConverterLoader = () => Promise<UnitConverter | undefined>;

/** Builds the trend view model in one go. Async only because a unit change loads the UCUM library. */
export async function buildLabTrend(input: LabTrendInput & { loadConverter?: ConverterLoader }): Promise<LabTrendModel> {
  const build = startLabTrend(input);
  build.read(Infinity);
  const converter = build.needsConverter() ? await (input.loadConverter ?? loadUnitConverter)() : undefined;
  return build.finish(converter);
}
