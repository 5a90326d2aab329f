// What every host app shares with the test: `window.hostEvents` records the events that reached
// the host's own handlers; `window.hostApp.setData(resources, patient)` hands data to the app,
// which passes it to <fhir-context> through its framework's own bindings.
window.hostEvents = [];
export const record = (type) => (event) => window.hostEvents.push({ type, tag: event.target.localName });
export const TREND_CODE = 'http://loinc.org|85354-9,http://loinc.org|55284-4';
