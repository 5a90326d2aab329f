// Svelte 5 host: the one-file bundle imported through a bundler (fhir-elements/fhir-elements.js).
import 'fhir-elements/fhir-elements.js';
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app') });
