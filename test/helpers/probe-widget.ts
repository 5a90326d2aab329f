// A minimal widget built on FhirWidget, for testing the data layer through the same path the
// real widgets use: it lists the ids of one search's resources.
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { FhirWidget, type FhirLoadDetail } from '../../src/elements/base/fhir-widget.js';
import type { FhirLoader, SearchResult } from '../../src/fhir/loader.js';
import type { CommonMessages } from '../../src/i18n/messages.js';
import { partitionByPatient } from '../../src/model/resources.js';

interface ProbeModel {
  ids: string[];
  otherPatient: number;
  truncated: boolean;
  total?: number;
}

performance.setResourceTimingBufferSize(100_000);

export class ProbeWidget extends FhirWidget<ProbeModel> {
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

  protected buildModel(data: unknown, patientId: string | undefined): ProbeModel {
    const result = data as SearchResult;
    const { kept, otherPatient } = partitionByPatient(result.resources, patientId);
    return { ids: kept.map((r) => `${r.resourceType}/${r.id}`), otherPatient, truncated: result.truncated, total: result.total };
  }

  protected isEmpty(model: ProbeModel): boolean {
    return model.ids.length === 0;
  }

  protected loadDetail(model: ProbeModel): FhirLoadDetail {
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

/** Resolves when the element reaches one of the given states (or rejects after `ms`). */
export function untilState(el: HTMLElement & { state: string }, states: string[], ms = 15000): Promise<string> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (states.includes(el.state) && !(el as unknown as { isUpdatePending?: boolean }).isUpdatePending) {
        resolve(el.state);
      } else if (Date.now() - started > ms) {
        reject(new Error(`state stayed ${el.state}, expected ${states.join('|')}`));
      } else {
        setTimeout(check, 20);
      }
    };
    check();
  });
}

/** Network requests made by this page to URLs containing `fragment` (from Resource Timing). */
export function requestsTo(fragment: string): PerformanceResourceTiming[] {
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) =>
    entry.name.includes(fragment),
  );
}
