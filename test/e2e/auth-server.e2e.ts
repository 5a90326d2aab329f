// The demo SMART authorization server over real HTTP (no browser): what it must refuse. The
// browser flows through it are in smart-launch.e2e.ts and smart-app-launch-2.e2e.ts.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createSmartAuthServer, type SmartAuthServer } from '../../demo/auth/smart-auth-server.js';
import { compartmentViolation, grantedScopes } from '../../demo/auth/scopes.js';

const CLIENT = 'test-client';
let clock = Date.UTC(2026, 10, 1);
let auth: SmartAuthServer;
let http: Server;
let origin: string;
let redirectUri: string;

before(async () => {
  auth = createSmartAuthServer({
    fhirBasePath: '/smart/fhir',
    authBasePath: '/auth',
    clients: [{ clientId: CLIENT, redirectUris: ['/app/'] }],
    listPatients: async () => [
      { id: 'p1', name: 'SMITH, Ann' },
      { id: 'p2', name: '<script>alert(1)</script>', birthDate: '1950-01-01' },
    ],
    codeLifetimeSeconds: 60,
    tokenLifetimeSeconds: 300,
    now: () => clock,
  });
  http = createServer((req, res) => {
    void auth.handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  redirectUri = `${origin}/app/`;
});
after(() => new Promise<void>((resolve) => http.close(() => resolve())));

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

interface AuthorizeParams {
  [name: string]: string | undefined;
}

async function authorize(params: AuthorizeParams): Promise<Response> {
  const url = new URL(`${origin}/auth/authorize`);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return fetch(url, { redirect: 'manual' });
}

/** A complete, valid EHR-launch authorize request for `patient` (overridable). */
function ehrParams(challenge: string, overrides: AuthorizeParams = {}): AuthorizeParams {
  return {
    response_type: 'code',
    client_id: CLIENT,
    redirect_uri: redirectUri,
    scope: 'launch openid fhirUser patient/*.read',
    aud: `${origin}/smart/fhir`,
    state: 'state-1234567890',
    launch: auth.createLaunch('p1'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
}

function redirectedTo(response: Response): URL {
  assert.equal(response.status, 302, 'a redirect to the client');
  return new URL(response.headers.get('location')!);
}

async function codeFor(challenge: string, overrides: AuthorizeParams = {}): Promise<string> {
  const location = redirectedTo(await authorize(ehrParams(challenge, overrides)));
  assert.equal(location.searchParams.get('error'), null, location.searchParams.get('error_description') ?? '');
  return location.searchParams.get('code')!;
}

async function exchange(fields: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${origin}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT, redirect_uri: redirectUri, ...fields }),
  });
  assert.equal(response.headers.get('cache-control'), 'no-store');
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('demo SMART authorization server', () => {
  it('publishes its endpoints and PKCE S256 in .well-known/smart-configuration', async () => {
    const response = await fetch(`${origin}/smart/fhir/.well-known/smart-configuration`);
    const config = (await response.json()) as Record<string, unknown>;
    assert.equal(config.authorization_endpoint, `${origin}/auth/authorize`);
    assert.equal(config.token_endpoint, `${origin}/auth/token`);
    assert.deepEqual(config.code_challenge_methods_supported, ['S256']);
    assert.ok((config.capabilities as string[]).includes('launch-ehr'));
    assert.ok((config.capabilities as string[]).includes('launch-standalone'));
  });

  it('EHR launch: code → token with the launch patient, the granted scopes, no-store', async () => {
    const { verifier, challenge } = pkce();
    const location = redirectedTo(await authorize(ehrParams(challenge)));
    assert.equal(location.origin + location.pathname, redirectUri);
    assert.equal(location.searchParams.get('state'), 'state-1234567890');
    const { status, body } = await exchange({ code: location.searchParams.get('code')!, code_verifier: verifier });
    assert.equal(status, 200);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.patient, 'p1');
    assert.equal(body.scope, 'launch patient/*.read', 'openid/fhirUser are not granted (no id_token)');
    assert.ok(auth.verifyToken(body.access_token as string));
  });

  it('rejects a wrong PKCE verifier, and the code is spent afterwards', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    const wrong = await exchange({ code, code_verifier: pkce().verifier });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error, 'invalid_grant');
    assert.match(String(wrong.body.error_description), /code_verifier/);
    const retry = await exchange({ code, code_verifier: verifier });
    assert.equal(retry.status, 400, 'no second guess');
  });

  it('rejects a missing or malformed verifier', async () => {
    const { challenge } = pkce();
    const missing = await exchange({ code: await codeFor(challenge) });
    assert.equal(missing.body.error, 'invalid_grant');
    const short = await exchange({ code: await codeFor(challenge), code_verifier: 'short' });
    assert.equal(short.body.error, 'invalid_grant');
  });

  it('rejects a reused code and revokes the token issued for it', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    const first = await exchange({ code, code_verifier: verifier });
    assert.equal(first.status, 200);
    const token = first.body.access_token as string;
    assert.ok(auth.verifyToken(token));
    const replay = await exchange({ code, code_verifier: verifier });
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error, 'invalid_grant');
    assert.ok(!auth.verifyToken(token), 'revoked');
  });

  it('codes are short-lived: expired after 60 s', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    clock += 61_000;
    const late = await exchange({ code, code_verifier: verifier });
    assert.equal(late.status, 400);
    assert.match(String(late.body.error_description), /expired/);
  });

  it('tokens expire', async () => {
    const { verifier, challenge } = pkce();
    const { body } = await exchange({ code: await codeFor(challenge), code_verifier: verifier });
    const token = body.access_token as string;
    assert.equal(body.expires_in, 300);
    clock += 299_000;
    assert.ok(auth.verifyToken(token));
    clock += 2_000;
    assert.ok(!auth.verifyToken(token));
  });

  it('requires state: no redirect, no code without it (or with a trivially short one)', async () => {
    const { challenge } = pkce();
    for (const state of [undefined, '', 'abc']) {
      const response = await authorize(ehrParams(challenge, { state }));
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('location'), null);
      assert.match(await response.text(), /state/);
    }
  });

  it('requires PKCE S256 (no challenge, or method plain → error back to the client with its state)', async () => {
    const { challenge } = pkce();
    for (const overrides of [{ code_challenge: undefined, code_challenge_method: undefined }, { code_challenge_method: 'plain' }]) {
      const location = redirectedTo(await authorize(ehrParams(challenge, overrides)));
      assert.equal(location.searchParams.get('error'), 'invalid_request');
      assert.equal(location.searchParams.get('code'), null);
      assert.equal(location.searchParams.get('state'), 'state-1234567890');
    }
  });

  it('refuses an unknown client or an unregistered redirect_uri with a page, never a redirect', async () => {
    const { challenge } = pkce();
    for (const overrides of [{ client_id: 'someone-else' }, { redirect_uri: 'https://evil.example/app/' }, { redirect_uri: `${origin}/other/` }]) {
      const response = await authorize(ehrParams(challenge, overrides));
      assert.ok(response.status === 400 || response.status === 401, String(response.status));
      assert.equal(response.headers.get('location'), null);
    }
  });

  it('refuses a wrong aud, an unknown or reused launch, and scopes without patient access', async () => {
    const { challenge } = pkce();
    const aud = redirectedTo(await authorize(ehrParams(challenge, { aud: 'https://other.example/fhir' })));
    assert.equal(aud.searchParams.get('error'), 'invalid_request');
    const unknown = redirectedTo(await authorize(ehrParams(challenge, { launch: 'not-a-launch' })));
    assert.equal(unknown.searchParams.get('error'), 'invalid_request');
    const launch = auth.createLaunch('p1');
    await codeFor(challenge, { launch });
    const reused = redirectedTo(await authorize(ehrParams(challenge, { launch })));
    assert.equal(reused.searchParams.get('error'), 'invalid_request');
    const noPatientScope = redirectedTo(await authorize(ehrParams(challenge, { scope: 'launch openid' })));
    assert.equal(noPatientScope.searchParams.get('error'), 'invalid_scope');
  });

  it('rejects a code presented by another client or with another redirect_uri', async () => {
    const { verifier, challenge } = pkce();
    const otherClient = await exchange({ code: await codeFor(challenge), code_verifier: verifier, client_id: 'someone-else' });
    assert.equal(otherClient.body.error, 'invalid_grant');
    const otherRedirect = await exchange({ code: await codeFor(challenge), code_verifier: verifier, redirect_uri: `${origin}/app/x` });
    assert.equal(otherRedirect.body.error, 'invalid_grant');
  });

  it('standalone launch: a patient picker (server strings escaped), allow → code for the chosen patient', async () => {
    const { verifier, challenge } = pkce();
    const params = ehrParams(challenge, { launch: undefined, scope: 'launch/patient patient/*.rs' });
    const page = await authorize(params);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.ok(!html.includes('<script>alert(1)</script>'), 'patient names are escaped');
    assert.ok(html.includes('&lt;script&gt;'));
    const pickerId = /name="request" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(pickerId);
    const decide = (fields: Record<string, string>) =>
      fetch(`${origin}/auth/authorize`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
      });
    const allowed = redirectedTo(await decide({ request: pickerId, patient: 'p2', decision: 'allow' }));
    const { body } = await exchange({ code: allowed.searchParams.get('code')!, code_verifier: verifier });
    assert.equal(body.patient, 'p2');
    assert.equal(body.scope, 'launch/patient patient/*.rs');
    const again = await decide({ request: pickerId, patient: 'p1', decision: 'allow' });
    assert.equal(again.status, 400, 'a picker request is single-use');

    const second = /name="request" value="([^"]+)"/.exec(await (await authorize(params)).text())![1];
    const cancelled = redirectedTo(await decide({ request: second, decision: 'deny' }));
    assert.equal(cancelled.searchParams.get('error'), 'access_denied');
    assert.equal(cancelled.searchParams.get('state'), 'state-1234567890');
  });

  it('grants read scopes only, in v1 and v2 syntax', () => {
    assert.deepEqual(grantedScopes('launch openid fhirUser patient/*.read'), ['launch', 'patient/*.read']);
    assert.deepEqual(grantedScopes('launch/patient patient/*.rs offline_access user/*.read'), ['launch/patient', 'patient/*.rs', 'offline_access']);
    assert.deepEqual(grantedScopes('launch online_access patient/*.read'), ['launch', 'online_access', 'patient/*.read']);
    assert.deepEqual(grantedScopes('patient/*.cruds patient/Observation.write patient/*.*'), ['patient/*.rs', 'patient/*.read']);
  });

  it('SMART App Launch 2 launch context: need_patient_banner and smart_style_url as the EHR set them; the style is served', async () => {
    const { verifier, challenge } = pkce();
    const launch = auth.createLaunch('p1', { needPatientBanner: false });
    const { body } = await exchange({ code: await codeFor(challenge, { launch }), code_verifier: verifier });
    assert.equal(body.need_patient_banner, false);
    assert.equal(body.smart_style_url, `${origin}/auth/smart-style.json`);
    const plain = pkce();
    const noStyle = auth.createLaunch('p1', { style: false });
    const second = await exchange({ code: await codeFor(plain.challenge, { launch: noStyle }), code_verifier: plain.verifier });
    assert.equal(second.body.need_patient_banner, true, 'the default: the app shows the banner');
    assert.equal(second.body.smart_style_url, undefined);
    const style = (await (await fetch(`${origin}/auth/smart-style.json`)).json()) as Record<string, unknown>;
    assert.match(String(style.color_highlight), /^#[0-9a-f]{6}$/);
    const config = (await (await fetch(`${origin}/smart/fhir/.well-known/smart-configuration`)).json()) as Record<string, string[]>;
    for (const capability of ['context-banner', 'context-style', 'permission-online', 'permission-offline']) {
      assert.ok(config.capabilities.includes(capability), capability);
    }
    assert.ok(config.grant_types_supported.includes('refresh_token'));
  });

  it('refresh tokens: only for online_access/offline_access, rotated on use, bound to the client, revoked with a replayed code', async () => {
    const refreshWith = (token: string, extra: Record<string, string> = {}) =>
      fetch(`${origin}/auth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, ...extra }),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> }));
    const without = pkce();
    const plain = await exchange({ code: await codeFor(without.challenge), code_verifier: without.verifier });
    assert.equal(plain.body.refresh_token, undefined, 'no refresh token without online_access/offline_access');

    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge, { scope: 'launch online_access patient/*.read' });
    const first = await exchange({ code, code_verifier: verifier });
    assert.match(String(first.body.scope), /online_access/);
    const refreshToken = first.body.refresh_token as string;
    assert.ok(refreshToken.length >= 32);
    clock += 301_000; // the access token (300 s) has expired
    assert.equal(auth.verifyToken(first.body.access_token as string), false);
    const refreshed = await refreshWith(refreshToken, { client_id: CLIENT });
    assert.equal(refreshed.status, 200);
    assert.ok(auth.verifyToken(refreshed.body.access_token as string));
    assert.equal(refreshed.body.patient, 'p1');
    assert.equal(refreshed.body.scope, first.body.scope);
    assert.notEqual(refreshed.body.refresh_token, refreshToken, 'rotated');
    // The used refresh token is spent; another client cannot use this grant's new one.
    assert.equal((await refreshWith(refreshToken)).body.error, 'invalid_grant');
    const next = refreshed.body.refresh_token as string;
    assert.equal((await refreshWith(next, { client_id: 'someone-else' })).body.error, 'invalid_grant');
    // A replay of the original code revokes access and refresh tokens alike.
    const other = pkce();
    const code2 = await codeFor(other.challenge, { scope: 'launch offline_access patient/*.read' });
    const granted = await exchange({ code: code2, code_verifier: other.verifier });
    assert.equal((await exchange({ code: code2, code_verifier: other.verifier })).status, 400);
    assert.equal((await refreshWith(granted.body.refresh_token as string)).body.error, 'invalid_grant');
  });

  it('limits a patient-scoped token to its patient and scoped types', () => {
    const check = (path: string, scope = 'patient/*.read') => compartmentViolation(new URL(`http://h/smart/fhir/${path}`), '/smart/fhir', 'p1', scope);
    assert.equal(check('Patient/p1'), undefined);
    assert.equal(check('Observation?patient=p1&code=x'), undefined);
    assert.equal(check('Observation?subject=Patient/p1'), undefined);
    assert.equal(check('Medication/m1'), undefined);
    assert.match(check('Patient/p2')!, /another patient/);
    assert.match(check('Patient')!, /cannot search all patients/);
    assert.match(check('Observation?patient=p2')!, /another patient/);
    assert.match(check('Observation?patient=p1,p2')!, /another patient/);
    assert.match(check('Observation?patient=p1', 'patient/AllergyIntolerance.read')!, /do not allow/);
    assert.equal(check('metadata', ''), undefined);
  });
});
