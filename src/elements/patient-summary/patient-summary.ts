// PLACEHOLDER until this element's issue lands: replaced by the real element.
import { LitElement } from 'lit';

export class FhirPatientSummary extends LitElement {}
