// The name of the drug an order or statement is about, in every FHIR version, with the strength
// and form when a Medication resource gives them. Resolution order (issue 4):
//   medicationCodeableConcept (R5: medication.concept)
//   → a contained Medication (`#id`)
//   → a Medication `_include`d by the same search
//   → a Medication the caller fetched (see `medicationReferenceToFetch`)
//   → the reference's `display`.
// Never "undefined", never a bare id: when all of these fail the caller's `unnamed` text is used.
import { asList as list, asRecord as record, codingsOf, conceptText, SYSTEMS, trimmed } from './codes.js';
import type { AnyResource, Coding } from './fhir-types.js';
import { formatNumber } from './numbers.js';
import { resolveReference } from './resources.js';

/** Where the name came from: lets a view say "name from reference only" or "not resolved". */
export const MEDICATION_NAME_SOURCES = ['concept', 'contained', 'included', 'fetched', 'display', 'unresolved'] as const;
export type MedicationNameSource = (typeof MEDICATION_NAME_SOURCES)[number];

export interface MedicationName {
  /** The drug name to show (never empty; `options.unnamed` when nothing names it). */
  name: string;
  /** Ingredient strengths, e.g. `50 mg`, `250 mg/5 mL`, `500 mg / 25 mg` (several ingredients). */
  strength?: string;
  /** Dose form, e.g. `Film-coated tablet`. */
  form?: string;
  source: MedicationNameSource;
  /** The Medication resource the name came from, when one was found. */
  medication?: AnyResource;
  /** Codes of the medicinal product (RxNorm, SNOMED, NDC …): for matching, never for display. */
  codes: Coding[];
  /** Codes of the ingredients (from the Medication resource), for matching. */
  ingredientCodes: Coding[];
  /** The literal reference when the drug is given by reference (contained, local or remote). */
  reference?: string;
}

export interface MedicationNameOptions {
  /** Resources the same search returned with `_include` (or any pool of Medications to look in). */
  included?: readonly AnyResource[];
  /** Medications the caller fetched for `medicationReferenceToFetch` references. */
  fetched?: readonly AnyResource[];
  /** Text when nothing names the drug (default English). */
  unnamed?: string;
  /** Locale for numbers in strengths. */
  locale?: string;
}

export const UNNAMED_MEDICATION_EN = 'Medication not named in the record';

/**
 * SNOMED CT fully specified names end with a semantic tag ("Azithromycin 250mg capsule (product)");
 * the tag is for terminologists, not for a medication line.
 */
const SNOMED_SEMANTIC_TAG =
  /\s+\((?:product|medicinal product|clinical drug|real clinical drug|medicinal product form|substance|qualifier value|dose form|basic dose form|physical object)\)$/i;

/** Concept text for display: `text`, else a coding display (SNOMED tag dropped), else a code. */
export function medicationConceptText(value: unknown): string | undefined {
  const concept = record(value);
  if (!concept) return conceptText(value);
  const text = trimmed(concept.text);
  if (text) return text;
  for (const coding of codingsOf(value)) {
    const display = trimmed(coding.display);
    if (display) return coding.system === SYSTEMS.snomed ? display.replace(SNOMED_SEMANTIC_TAG, '') || display : display;
  }
  return conceptText(value);
}

/** The drug as a concept and/or a reference, across versions (R5 `medication` is a CodeableReference). */
export function medicationOf(resource: AnyResource): { concept?: unknown; reference?: Record<string, unknown> } {
  const r5 = record(resource.medication);
  if (r5) return { concept: r5.concept, reference: record(r5.reference) };
  return { concept: resource.medicationCodeableConcept, reference: record(resource.medicationReference) };
}

function referenceString(reference: Record<string, unknown> | undefined): string | undefined {
  return trimmed(reference?.reference);
}

/**
 * The `Medication/<id>` a caller should read (deduped through its loader) because neither the
 * concept, a contained resource nor the included pool resolves it. Only relative references are
 * returned: an absolute URL may point at another server, which the context's credentials are not for.
 */
export function medicationReferenceToFetch(resource: AnyResource, included: readonly AnyResource[] = []): string | undefined {
  const { concept, reference } = medicationOf(resource);
  if (medicationConceptText(concept)) return undefined;
  const ref = referenceString(reference);
  if (!ref || ref.startsWith('#')) return undefined;
  if (resolveReference(ref, included)) return undefined;
  const match = /^Medication\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(ref);
  return match ? `Medication/${match[1]}` : undefined;
}

/** Unit text of a Quantity: `unit`, else `code` (UCUM codes read well: mg, mL). */
function quantityUnit(quantity: Record<string, unknown>): string | undefined {
  return trimmed(quantity.unit) ?? trimmed(quantity.code);
}

function quantityText(value: unknown, locale?: string): string | undefined {
  const quantity = record(value);
  if (!quantity) return undefined;
  const number = formatNumber(quantity.value, locale);
  if (number === undefined) return undefined;
  const unit = quantityUnit(quantity);
  const comparator = typeof quantity.comparator === 'string' ? quantity.comparator : '';
  return `${comparator}${number}${unit ? ` ${unit}` : ''}`;
}

/** Units that are dose forms (per tablet, per capsule): "50 mg per 1 tablet" reads as "50 mg". */
const FORM_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm';

function isUcumMeasure(quantity: Record<string, unknown>): boolean {
  if (quantity.system === FORM_SYSTEM) return false;
  if (quantity.system === SYSTEMS.ucum) return !/^\{.*\}$/.test(String(quantity.code ?? ''));
  return false;
}

/** A strength Ratio as a clinician writes it: `50 mg`, `10 mg/mL`, `250 mg/5 mL`. */
export function strengthText(value: unknown, locale?: string): string | undefined {
  const ratio = record(value);
  if (!ratio) return undefined;
  if ('numerator' in ratio || 'denominator' in ratio) {
    const numerator = quantityText(ratio.numerator, locale);
    if (!numerator) return undefined;
    const denominator = record(ratio.denominator);
    if (!denominator || denominator.value === undefined) return numerator;
    const value = Number(denominator.value);
    const unit = quantityUnit(denominator);
    if (value === 1 && (!isUcumMeasure(denominator) || !unit)) return numerator;
    if (value === 1) return `${numerator}/${unit}`;
    const text = quantityText(denominator, locale);
    return text ? `${numerator}/${text}` : numerator;
  }
  // R5 strengthQuantity / a bare Quantity.
  return quantityText(ratio, locale) ?? medicationConceptText(ratio);
}

interface Ingredient {
  item?: unknown;
  strength?: unknown;
}

/** Ingredients of a Medication across versions (DSTU2 `product.ingredient`, STU3 `amount`, R5 `item` + `strength[x]`). */
function ingredientsOf(medication: AnyResource): Ingredient[] {
  const product = record(medication.product);
  const raw = list(medication.ingredient ?? product?.ingredient);
  const out: Ingredient[] = [];
  for (const entry of raw) {
    const ingredient = record(entry);
    if (!ingredient) continue;
    const item = ingredient.itemCodeableConcept ?? ingredient.itemReference ?? ingredient.item;
    const strength =
      ingredient.strength ??
      ingredient.strengthRatio ??
      ingredient.strengthQuantity ??
      ingredient.strengthCodeableConcept ??
      ingredient.amount;
    out.push({ item, strength });
  }
  return out;
}

/** Codes of an ingredient item: a concept, an R5 CodeableReference, or a reference to a contained Substance/Medication. */
function ingredientCodings(item: unknown, medication: AnyResource, pool: readonly AnyResource[]): Coding[] {
  const value = record(item);
  if (!value) return [];
  if (Array.isArray(value.coding)) return codingsOf(value);
  const concept = record(value.concept);
  if (concept) return codingsOf(concept);
  const reference = referenceString(record(value.reference) ?? value);
  const target = reference ? resolveReference(reference, pool, medication) : undefined;
  return target ? codingsOf(target.code) : [];
}

function formOf(medication: AnyResource): unknown {
  return medication.form ?? medication.doseForm ?? record(medication.product)?.form;
}

function fromMedication(
  medication: AnyResource,
  source: MedicationNameSource,
  fallbackName: string | undefined,
  reference: string | undefined,
  options: MedicationNameOptions,
): MedicationName {
  const ingredients = ingredientsOf(medication);
  const strengths = ingredients.map((i) => strengthText(i.strength, options.locale)).filter((s): s is string => !!s);
  const pool = [...(options.included ?? []), ...(options.fetched ?? [])];
  const ingredientCodes = ingredients.flatMap((i) => ingredientCodings(i.item, medication, pool));
  const ingredientNames = ingredients
    .map((i) => medicationConceptText(i.item) ?? (typeof record(i.item)?.display === 'string' ? String(record(i.item)?.display) : undefined))
    .filter((s): s is string => !!s);
  const name =
    medicationConceptText(medication.code) ?? fallbackName ?? (ingredientNames.length ? ingredientNames.join(' + ') : undefined);
  const strength = strengths.length ? strengths.join(' / ') : undefined;
  const form = medicationConceptText(formOf(medication));
  return {
    name: name ?? options.unnamed ?? UNNAMED_MEDICATION_EN,
    // The CUI line names strength and form once: not again when the drug name already says them.
    ...(strength && !mentions(name, strength) ? { strength } : {}),
    ...(form && !mentions(name, form) ? { form } : {}),
    source: name ? source : 'unresolved',
    medication,
    codes: codingsOf(medication.code),
    ingredientCodes,
    ...(reference ? { reference } : {}),
  };
}

/** True when `name` already contains `part` (ignoring case and spacing): "5 mg tablets" mentions "Tablet". */
function mentions(name: string | undefined, part: string): boolean {
  if (!name) return false;
  const squash = (text: string) => text.toLowerCase().replace(/\s+/g, '');
  return squash(name).includes(squash(part));
}

/**
 * The display name (+ strength and form) of a MedicationRequest, MedicationStatement, DSTU2
 * MedicationOrder (or anything with `medication[x]`). Pure: the caller supplies what it fetched.
 */
export function medicationName(resource: AnyResource, options: MedicationNameOptions = {}): MedicationName {
  const { concept, reference } = medicationOf(resource);
  const ref = referenceString(reference);
  const display = trimmed(reference?.display);
  const conceptName = medicationConceptText(concept);
  if (conceptName) {
    return { name: conceptName, source: 'concept', codes: codingsOf(concept), ingredientCodes: [] };
  }
  if (ref) {
    const steps: [MedicationNameSource, readonly AnyResource[]][] = ref.startsWith('#')
      ? [['contained', []]]
      : [
          ['included', options.included ?? []],
          ['fetched', options.fetched ?? []],
        ];
    for (const [source, pool] of steps) {
      const found = resolveReference(ref, pool, resource);
      if (found && found.resourceType === 'Medication') return fromMedication(found, source, display, ref, options);
    }
  }
  if (display) return { name: display, source: 'display', codes: [], ingredientCodes: [], ...(ref ? { reference: ref } : {}) };
  return {
    name: options.unnamed ?? UNNAMED_MEDICATION_EN,
    source: 'unresolved',
    codes: [],
    ingredientCodes: [],
    ...(ref ? { reference: ref } : {}),
  };
}

/** One line for lists that have no room for columns: `Amoxicillin, 500 mg, Capsule` (CUI order: drug, strength, form). */
export function medicationLabel(name: MedicationName): string {
  return [name.name, name.strength, name.form].filter(Boolean).join(', ');
}
