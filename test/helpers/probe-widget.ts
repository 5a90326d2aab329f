// A minimal widget built on FhirWidget, for testing the data layer through the same path the
// real widgets use: it lists the ids of one search's resources.
import { waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { FhirWidget, type FhirLoadDetail } from '../../src/elements/base/fhir-widget.js';
import type { FhirLoader, SearchResult } from '../../src/fhir/loader.js';
import type { CommonMessages } from '../../src/i18n/messages.js';
import type { PatientScope } from '../../src/model/patient-scope.js';
import { partitionByPatient } from '../../src/model/resources.js';

interface ProbeLoadDetail extends FhirLoadDetail {
  shown: number;
  otherPatient: number;
}

interface ProbeModel {
  ids: string[];
  otherPatient: number;
  truncated: boolean;
  total?: number;
}

performance.setResourceTimingBufferSize(100_000);

export class ProbeWidget extends FhirWidget<SearchResult, ProbeModel, ProbeLoadDetail> {
  @property({ attribute: 'resource-type' }) resourceType = 'Observation';
  @property() params = '';
  @property({ type: Number }) limit?: number;

  protected subject(): string {
    return 'Probe data';
  }

  protected override loadInputs(): unknown[] {
    return [this.resourceType, this.params, this.limit];
  }

  protected fetchResources(loader: FhirLoader, signal: AbortSignal): Promise<SearchResult> {
    const params = Object.fromEntries(new URLSearchParams(this.params));
    return loader.searchPatient(this.resourceType, params, { signal, limit: this.limit });
  }

  protected buildModel(result: SearchResult, scope: PatientScope): ProbeModel {
    const { kept, otherPatient } = partitionByPatient(result.resources, scope);
    return { ids: kept.map((r) => `${r.resourceType}/${r.id}`), otherPatient, truncated: result.truncated, total: result.total };
  }

  protected isEmpty(model: ProbeModel): boolean {
    return model.ids.length === 0;
  }

  protected loadDetail(model: ProbeModel): ProbeLoadDetail {
    return { shown: model.ids.length, otherPatient: model.otherPatient };
  }

  protected renderModel(model: ProbeModel) {
    const m: CommonMessages = this.messages;
    return html`<ul>
        ${model.ids.map((id) => html`<li>${id}</li>`)}
      </ul>
      ${model.truncated ? html`<p class="notice">${m.showingOf(String(model.ids.length), model.total?.toString())}</p>` : ''}`;
  }
}
customElements.define('probe-widget', ProbeWidget);

declare global {
  interface HTMLElementTagNameMap {
    'probe-widget': ProbeWidget;
  }
}

/** Resolves when the element reaches one of the given states and has rendered it (rejects after `ms`). */
export async function untilState(el: HTMLElement & { state: string }, states: string[], ms = 15000): Promise<string> {
  await waitUntil(
    () => states.includes(el.state) && !(el as unknown as { isUpdatePending?: boolean }).isUpdatePending,
    `state stayed ${el.state}, expected ${states.join('|')}`,
    { timeout: ms, interval: 20 },
  );
  return el.state;
}

/** A new `<fhir-allergy-banner>` appended to `context`, once it has settled and rendered. */
export async function settledBanner<W extends HTMLElement & { state: string; updateComplete: Promise<unknown> }>(context: HTMLElement): Promise<W> {
  const el = document.createElement('fhir-allergy-banner') as unknown as W;
  context.append(el);
  await untilState(el, ['ready', 'empty', 'error']);
  await el.updateComplete;
  return el;
}

/** Network requests made by this page to URLs containing `fragment` (from Resource Timing). */
export function requestsTo(fragment: string): PerformanceResourceTiming[] {
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) =>
    entry.name.includes(fragment),
  );
}
