import { setCustomElementsManifest } from '@storybook/web-components-vite';
import type { Preview } from '@storybook/web-components-vite';
import customElements from '../custom-elements.json';
import { defineElements } from '../src/define.js';

setCustomElementsManifest(customElements);
defineElements();

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: { expanded: true },
  },
};
export default preview;
