// The words of the developer warnings (./developer-warnings.ts), loaded only when one is due: a page
// wired right never fetches them.

/** `resources` set as an attribute: `value` is what the attribute held. */
export function resourcesAttribute(tag: string, value: string): string {
  return (
    `<${tag}>: "resources" was set as an attribute (${JSON.stringify(value.slice(0, 40))}), which cannot carry FHIR data and ` +
    `is ignored. Set it as a property instead: element.resources = bundle (in React 18, through a ref: ` +
    `ref={(el) => { if (el) el.resources = bundle; }}).`
  );
}

/** No `<fhir-context>` around the widget and no `resources`. */
export function noSource(tag: string): string {
  return (
    `<${tag}> has no data source: place it inside <fhir-context> (server and patient, smart, client or resources), ` +
    `or set its resources property. It stays idle until then.`
  );
}
