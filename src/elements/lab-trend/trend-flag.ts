// The interpretation and provisional flags beside a value (text and shape, never colour alone).
import { html, nothing, type TemplateResult } from 'lit';
import type { LabPoint, LabTextResult } from '../../model/lab-series.js';
import type { LabTrendMessages } from './lab-trend.messages.js';

export function renderFlag(m: LabTrendMessages, p: LabPoint | LabTextResult, interpretation: string | undefined): TemplateResult {
  const severity = p.interpretation.severity;
  return html`${interpretation && severity !== 'normal'
    ? html`<span class="flag" data-severity=${severity ?? 'other'}>${interpretation}</span>`
    : nothing}${p.provisional ? html`<span class="flag" data-severity="provisional">${m.provisional(p.status)}</span>` : nothing}`;
}
