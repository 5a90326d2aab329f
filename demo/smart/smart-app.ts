// The demo SMART app: the kit's widgets under <fhir-context smart>, which completes the launch
// that launch.html started (fhirclient keeps the token in this tab's sessionStorage and sends it
// as an Authorization header; it never goes into a URL, localStorage or the console).
import '../../src/fhir-elements.js';
import { fillLabTrendSelect } from '../lab-trends.js';

const trend = document.querySelector('fhir-lab-trend')!;
const select = document.getElementById('trend-code') as HTMLSelectElement;
fillLabTrendSelect(select, trend.getAttribute('code') ?? undefined);
select.addEventListener('change', () => trend.setAttribute('code', select.value));
