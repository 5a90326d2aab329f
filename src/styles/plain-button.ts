// A button that looks like the text around it (a drug name, a report's title, a test's name): the
// declarations, for a widget's rule to take in (`.name { ${plainButton} font-weight: 700; }`).
import { css } from 'lit';

export const plainButton = css`
  font: inherit;
  color: inherit;
  background: none;
  border: 0;
  padding: 0;
  text-align: start;
  cursor: pointer;
`;
