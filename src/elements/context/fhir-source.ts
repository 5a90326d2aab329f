import type { PropertyValues } from 'lit';
import type { FhirLoader } from '../../fhir/loader.js';
import { SourceElement } from './source-connection.js';

/**
 * @tag fhir-source
 * @summary One more FHIR source for the enclosing `<fhir-context>` (anywhere inside it, e.g. in a
 * wrapper `<div>`; inside a nested `<fhir-context>` it belongs to that one): the
 * same patient's record at another server (a regional HIE, a hospital, a lab). The widgets merge it
 * with the context's own (primary) source: duplicates shown once listing both, every row labelled
 * with its source, and a failure of this source named in words in every widget.
 *
 * Changing any attribute or property reloads the widgets; a response for the previous server or
 * patient is never shown. Renders nothing.
 *
 * @fires fhir-source-change - (internal, bubbles to the context) this source changed.
 */
export class FhirSource extends SourceElement {
  /** This source's loader (a new one whenever the source changes). */
  public override loader!: FhirLoader;

  /** The label shown: `label`, else the server's host, else "Source". */
  get displayLabel(): string {
    return this.labelOr('Source');
  }

  protected override createRenderRoot(): HTMLElement {
    return this; // renders nothing
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.hasUpdated && (this.sourceChanged(changed) || changed.has('label'))) {
      this.dispatchEvent(new Event('fhir-source-change', { bubbles: true, composed: true }));
    }
  }
}
