// defineElement(name): loads one element on demand and registers it with <prefix>-context.
import { expect } from '@open-wc/testing';
import { defineElement } from '../src/define-element.js';

describe('defineElement', () => {
  it('registers one element and its context under a prefix, and is idempotent', async () => {
    expect(await defineElement('allergy-banner', { prefix: 'lazy' })).to.equal('lazy-allergy-banner');
    expect(customElements.get('lazy-allergy-banner')).to.not.equal(undefined);
    expect(customElements.get('lazy-context')).to.not.equal(undefined);
    expect(customElements.get('lazy-lab-trend')).to.equal(undefined);
    expect(await defineElement('allergy-banner', { prefix: 'lazy' })).to.equal('lazy-allergy-banner');
  });

  it('rejects an invalid prefix', async () => {
    let error: unknown;
    await defineElement('lab-trend', { prefix: 'Bad Prefix' }).catch((caught: unknown) => (error = caught));
    expect(String(error)).to.contain('not a valid custom element prefix');
  });
});
