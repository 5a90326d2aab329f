// The authorization server's own pages: the standalone launch's patient picker and an error page.
// Server strings (patient names) are escaped; the pages carry no script.

export interface PatientChoice {
  id: string;
  name: string;
  birthDate?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.4; }
  body { margin: 0; padding: 2rem 1rem; background: light-dark(#f3f5f8, #161a22); color: light-dark(#1d2330, #e7eaf0); }
  main { max-inline-size: 32rem; margin: 0 auto; padding: 1.5rem; border-radius: 8px;
         background: light-dark(#fff, #212733); border: 1px solid light-dark(#c9ced8, #3a4252); }
  h1 { font-size: 1.25rem; margin-block-start: 0; }
  fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
  legend { font-weight: 600; margin-block-end: 0.5rem; }
  label { display: flex; gap: 0.5rem; align-items: baseline; padding: 0.4rem 0; }
  .scope { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
  .actions { display: flex; gap: 0.75rem; }
  button { font: inherit; padding: 0.4rem 1rem; border-radius: 6px; border: 1px solid currentColor;
           background: light-dark(#fff, #161a22); color: inherit; cursor: pointer; }
  button[value=allow] { background: light-dark(#005eb8, #7fb3ff); color: light-dark(#fff, #0b1220); border-color: transparent; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Demo EHR sign-in</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export function patientPickerPage(options: { action: string; pickerId: string; patients: PatientChoice[]; scope: string }): string {
  const choices = options.patients
    .map(
      (patient, index) => `<label><input type="radio" name="patient" value="${escapeHtml(patient.id)}"${index === 0 ? ' checked' : ''}>
  <span>${escapeHtml(patient.name)}${patient.birthDate ? ` (born ${escapeHtml(patient.birthDate)})` : ''}</span></label>`,
    )
    .join('\n');
  return page(
    'Choose a patient',
    `<h1>Choose a patient</h1>
<p>An app asks to read this patient's record: <span class="scope">${escapeHtml(options.scope)}</span></p>
<form method="post" action="${escapeHtml(options.action)}">
<input type="hidden" name="request" value="${escapeHtml(options.pickerId)}">
<fieldset>
<legend>Patient</legend>
${choices || '<p>No patients on this server.</p>'}
</fieldset>
<div class="actions">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</div>
</form>`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p role="alert">${escapeHtml(message)}</p>`);
}
