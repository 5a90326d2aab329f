// SMART scopes the demo authorization server understands, in both syntaxes: v1 (`patient/*.read`)
// and v2 (`patient/*.rs`), plus `online_access`/`offline_access` (a refresh token). Anything else
// requested (openid, fhirUser, user/…) is simply not granted, as SMART allows; the token response's `scope` says what was.

/** Advertised in `.well-known/smart-configuration`. */
export const SUPPORTED_SCOPES = ['launch', 'launch/patient', 'online_access', 'offline_access', 'patient/*.read', 'patient/*.rs'] as const;

/** Scopes that earn a refresh token (SMART: online_access lasts while the user is signed in; offline_access longer). */
export const REFRESH_SCOPES = ['online_access', 'offline_access'] as const;

/** `patient/<Type|*>.<read|write|*>` (v1) or `patient/<Type|*>.<cruds subset>` (v2, optional query). */
const PATIENT_SCOPE = /^patient\/(\*|[A-Z][A-Za-z]+)\.(read|write|\*|c?r?u?d?s?)(\?.*)?$/;

export function scopeList(scope: string): string[] {
  return scope.split(/\s+/).filter(Boolean);
}

export function hasScope(scope: string, wanted: string): boolean {
  return scopeList(scope).includes(wanted);
}

/** Read access in a patient scope: v1 `read`/`*`, or v2 containing `r` or `s`. */
function grantsRead(permission: string): boolean {
  if (permission === 'read' || permission === '*') return true;
  return /^c?r?u?d?s?$/.test(permission) && /[rs]/.test(permission);
}

/** The requested scopes this server grants: the launch scopes and read access to the patient's data. */
export function grantedScopes(requested: string): string[] {
  const granted: string[] = [];
  for (const item of scopeList(requested)) {
    if (item === 'launch' || item === 'launch/patient' || item === 'online_access' || item === 'offline_access') {
      granted.push(item);
      continue;
    }
    const match = PATIENT_SCOPE.exec(item);
    if (!match || !grantsRead(match[2])) continue;
    // Only read access is ever granted: v1 `*` becomes `read`, v2 `cruds` becomes `rs`.
    const v1 = match[2] === 'read' || match[2] === '*';
    granted.push(`patient/${match[1]}.${v1 ? 'read' : match[2].replace(/[cud]/g, '')}`);
  }
  return [...new Set(granted)];
}

/** True when the granted scopes allow reading (or searching) resources of `resourceType`. */
export function scopeAllowsRead(scope: string, resourceType: string): boolean {
  return scopeList(scope).some((item) => {
    const match = PATIENT_SCOPE.exec(item);
    return match !== null && (match[1] === '*' || match[1] === resourceType) && grantsRead(match[2]);
  });
}

function referencedPatient(value: string): string {
  return value.replace(/^.*Patient\//, '');
}

/**
 * What a `patient/…` scope allows on top of a valid token: resource types the scope names, and only
 * the token's patient where a request names one (read of Patient/<id>, `patient=`/`subject=` in a
 * search, a Patient search by `_id`). A batch posted to the base is not looked into.
 */
export function compartmentViolation(url: URL, basePath: string, patient: string, scope: string): string | undefined {
  const path = url.pathname.slice(basePath.length).replace(/^\/+|\/+$/g, '');
  if (path === '' || path === 'metadata' || path.startsWith('.well-known/')) return undefined;
  const [resourceType, id] = path.split('/');
  if (!scopeAllowsRead(scope, resourceType)) return `The granted scopes (${scope}) do not allow reading ${resourceType}.`;
  if (resourceType === 'Patient') {
    const ids = id ? [id] : url.searchParams.getAll('_id').flatMap((value) => value.split(','));
    if (ids.length === 0) return 'A patient-scoped token cannot search all patients; ask for Patient/<id>.';
    if (ids.some((value) => value !== patient)) return 'This token is for another patient.';
    return undefined;
  }
  for (const name of ['patient', 'subject', 'patient:Patient', 'subject:Patient']) {
    for (const value of url.searchParams.getAll(name)) {
      if (value.split(',').some((item) => referencedPatient(item) !== patient)) return 'This token is for another patient.';
    }
  }
  return undefined;
}
