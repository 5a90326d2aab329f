// Vue 3 host: the module API's defineElements(); compilerOptions.isCustomElement in vite.config.mjs.
import { defineElements } from 'fhir-elements';
import { createApp } from 'vue';
import App from './App.vue';

defineElements();
const app = createApp(App);
app.config.warnHandler = (message) => (window.hostWarnings ??= []).push(message);
app.mount('#app');
