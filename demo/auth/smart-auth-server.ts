// A SMART App Launch authorization server for the demo and the end-to-end tests: discovery
// (`.well-known/smart-configuration`), the authorize endpoint (EHR launch with a launch context the
// EHR created; standalone launch with a patient picker), and the token endpoint. Public clients
// only, authorization code flow with PKCE S256 required, `state` required, short-lived single-use
// codes (a replayed code also revokes the tokens issued for it), opaque bearer tokens that the
// FHIR server checks through `verifyToken`, refresh tokens (rotated on use) for `online_access` /
// `offline_access`, and SMART App Launch 2's launch context: `need_patient_banner` (the EHR says
// whether it shows its own banner) and `smart_style_url` (the EHR's style, served at
// `<auth>/smart-style.json`).
//
// It is a local stand-in for an EHR's authorization server, not a production one: no user login,
// no consent screen beyond the standalone patient picker, state kept in memory.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRequestBody, requestBaseUrl } from '../server/fhir-http.js';
import { grantedScopes, hasScope, REFRESH_SCOPES, SUPPORTED_SCOPES } from './scopes.js';
import { patientPickerPage, errorPage, type PatientChoice } from './pages.js';

export type { PatientChoice } from './pages.js';

export interface ClientRegistration {
  clientId: string;
  /**
   * Allowed redirect URIs. A path (`/smart/index.html`) matches that path on any loopback origin
   * (the demo and the tests run on localhost/127.0.0.1 on varying ports); a full URL matches exactly.
   */
  redirectUris: string[];
}

export interface SmartAuthOptions {
  /** Path of the FHIR base these tokens are for, e.g. `/smart/fhir` (the `aud` a client must send). */
  fhirBasePath: string;
  /** Path under which the endpoints are served, e.g. `/auth`. */
  authBasePath: string;
  clients: ClientRegistration[];
  /** Patients offered by the standalone launch's picker. */
  listPatients: () => Promise<PatientChoice[]>;
  /** Seconds an authorization code may be exchanged (default 60). */
  codeLifetimeSeconds?: number;
  /** Seconds an access token is valid (default 3600). */
  tokenLifetimeSeconds?: number;
  /** Seconds a refresh token may be used (default 8 hours: a clinician's session). */
  refreshLifetimeSeconds?: number;
  /** Seconds an EHR launch context may be used to start an authorization (default 300). */
  launchLifetimeSeconds?: number;
  /** The clock, in milliseconds (tests move it forward). */
  now?: () => number;
}

/** What an issued access token grants. */
export interface TokenGrant {
  clientId: string;
  patient: string;
  scope: string;
  expiresAt: number;
  /** The authorization code it came from (a replay of that code revokes it). */
  code: string;
}

/** What the EHR says about a launch beyond the patient (SMART App Launch 2 launch context). */
export interface LaunchOptions {
  /** `need_patient_banner` in the token response (default true; an EHR showing its own banner says false). */
  needPatientBanner?: boolean;
  /** Include `smart_style_url` (the EHR's style document) in the token response (default true). */
  style?: boolean;
}

/** The style document served at `<auth>/smart-style.json`: the demo EHR's look (ehr.css). */
export const DEMO_EHR_STYLE = {
  color_background: '#ffffff',
  color_error: '#a3152c',
  color_highlight: '#6a1b4d',
  color_success: '#1e6b3c',
  color_text: '#1b1f24',
  dim_border_radius: '2px',
  dim_font_size: '15px',
  dim_spacing_size: '14px',
  font_family_body: "Verdana, 'DejaVu Sans', sans-serif",
  font_family_heading: "'Trebuchet MS', Verdana, sans-serif",
} as const;

export interface SmartAuthServer {
  /** Answers a request under `authBasePath` or the discovery document; false when not its path. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** The grant of a live token (unknown, expired or revoked → undefined). */
  grantFor(token: string): TokenGrant | undefined;
  /** For the FHIR server's `requireToken`: true for a live token. */
  verifyToken(token: string): boolean;
  /** What an EHR does before it launches an app: a one-time launch id bound to a patient. */
  createLaunch(patient: string, launchOptions?: LaunchOptions): string;
  /** The discovery document for a FHIR base URL. */
  smartConfiguration(fhirBaseUrl: string): Record<string, unknown>;
  /** Ends every live token now (as if they had expired), for tests of expiry. */
  expireAllTokens(): void;
  /** Ends every refresh token now (the clinician signed out of the EHR), for tests of expiry. */
  revokeRefreshTokens(): void;
  /** Every refresh token issued so far. */
  issuedRefreshTokens(): string[];
  /** Every token issued so far (tests check it never leaks into URLs, storage or logs). */
  issuedTokens(): string[];
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  patient: string;
  scope: string;
  expiresAt: number;
  /** Set once exchanged; a second exchange is a replay. */
  used: boolean;
  launch: Required<LaunchOptions>;
}

interface RefreshGrant {
  clientId: string;
  patient: string;
  scope: string;
  expiresAt: number;
  code: string;
  launch: Required<LaunchOptions>;
}

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  codeChallenge: string;
  /** Set for a standalone launch waiting at the patient picker. */
  expiresAt: number;
}

class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

/** A standalone launch: no EHR around the app, so the app shows the patient's banner itself. */
const STANDALONE: Required<LaunchOptions> = { needPatientBanner: true, style: true };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
/** RFC 7636: 43–128 characters from the unreserved set. */
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const CODE_CHALLENGE = /^[A-Za-z0-9\-_]{43}$/;

function opaque(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const origin = req.headers.origin;
  res.statusCode = status;
  if (body !== undefined) res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  if (origin) res.setHeader('Vary', 'Origin');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors *");
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
  res.statusCode = 302;
  res.setHeader('Location', location);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.end();
}

function withParams(uri: string, params: Record<string, string>): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}

export function createSmartAuthServer(options: SmartAuthOptions): SmartAuthServer {
  const now = options.now ?? (() => Date.now());
  const codeLifetimeMs = (options.codeLifetimeSeconds ?? 60) * 1000;
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
  const launchLifetimeMs = (options.launchLifetimeSeconds ?? 300) * 1000;
  const authBase = options.authBasePath.replace(/\/+$/, '');
  const fhirBase = options.fhirBasePath.replace(/\/+$/, '');

  const refreshLifetimeMs = (options.refreshLifetimeSeconds ?? 8 * 3600) * 1000;
  const launches = new Map<string, { patient: string; expiresAt: number; launch: Required<LaunchOptions> }>();
  const refreshTokens = new Map<string, RefreshGrant>();
  const issuedRefresh: string[] = [];
  const codes = new Map<string, PendingCode>();
  const pickers = new Map<string, AuthorizeRequest>();
  const tokens = new Map<string, TokenGrant>();
  const issued: string[] = [];

  function sweep(): void {
    const time = now();
    for (const [key, launch] of launches) if (launch.expiresAt <= time) launches.delete(key);
    for (const [key, picker] of pickers) if (picker.expiresAt <= time) pickers.delete(key);
    // Used codes are kept while live so that a replay is recognised (and revokes its tokens).
    for (const [key, code] of codes) if (code.expiresAt + codeLifetimeMs <= time) codes.delete(key);
    for (const [key, grant] of tokens) if (grant.expiresAt <= time) tokens.delete(key);
    for (const [key, grant] of refreshTokens) if (grant.expiresAt <= time) refreshTokens.delete(key);
  }

  function client(clientId: string | null): ClientRegistration | undefined {
    return options.clients.find((candidate) => candidate.clientId === clientId);
  }

  function redirectAllowed(registration: ClientRegistration, redirectUri: string): boolean {
    let url: URL;
    try {
      url = new URL(redirectUri);
    } catch {
      return false;
    }
    if (url.hash || url.username || url.password) return false;
    return registration.redirectUris.some((allowed) => {
      if (/^https?:\/\//.test(allowed)) return allowed === redirectUri;
      return LOOPBACK_HOSTS.has(url.hostname) && url.protocol === 'http:' && url.pathname === allowed && url.search === '';
    });
  }

  function smartConfiguration(fhirBaseUrl: string): Record<string, unknown> {
    const origin = new URL(fhirBaseUrl).origin;
    return {
      authorization_endpoint: `${origin}${authBase}/authorize`,
      token_endpoint: `${origin}${authBase}/token`,
      token_endpoint_auth_methods_supported: ['none'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      response_types_supported: ['code'],
      scopes_supported: [...SUPPORTED_SCOPES],
      code_challenge_methods_supported: ['S256'],
      capabilities: [
        'launch-ehr',
        'launch-standalone',
        'client-public',
        'context-ehr-patient',
        'context-standalone-patient',
        'context-banner',
        'context-style',
        'permission-offline',
        'permission-online',
        'permission-patient',
        'permission-v1',
        'permission-v2',
      ],
    };
  }

  /** Checks everything a client can get wrong before the user is involved. */
  function readAuthorizeRequest(params: URLSearchParams, fhirBaseUrl: string): { request: AuthorizeRequest; launch: string | null } {
    const clientId = params.get('client_id');
    const redirectUri = params.get('redirect_uri') ?? '';
    const registration = client(clientId);
    // Without a known client and one of its redirect URIs there is nowhere safe to send an error.
    if (!registration) throw new OAuthError('invalid_client', `Unknown client_id "${clientId ?? ''}".`, 401);
    if (!redirectAllowed(registration, redirectUri)) {
      throw new OAuthError('invalid_request', `redirect_uri "${redirectUri}" is not registered for this client.`);
    }
    const state = params.get('state') ?? '';
    if (state.length < 8) {
      throw new OAuthError('invalid_request', 'The state parameter is required (at least 8 characters of unguessable value).');
    }
    return {
      request: {
        clientId: registration.clientId,
        redirectUri,
        state,
        scope: params.get('scope') ?? '',
        codeChallenge: params.get('code_challenge') ?? '',
        expiresAt: now() + launchLifetimeMs,
      },
      launch: checkAuthorizeDetails(params, fhirBaseUrl),
    };
  }

  /** The checks whose failure goes back to the client's redirect_uri (with its state). */
  function checkAuthorizeDetails(params: URLSearchParams, fhirBaseUrl: string): string | null {
    if (params.get('response_type') !== 'code') {
      throw new OAuthError('unsupported_response_type', 'Only response_type=code is supported.');
    }
    if (params.get('code_challenge_method') !== 'S256' || !CODE_CHALLENGE.test(params.get('code_challenge') ?? '')) {
      throw new OAuthError('invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256.');
    }
    const aud = (params.get('aud') ?? '').replace(/\/+$/, '');
    if (aud !== fhirBaseUrl) {
      throw new OAuthError('invalid_request', `aud must be this server's FHIR base URL (${fhirBaseUrl}).`);
    }
    const scope = params.get('scope') ?? '';
    if (!grantedScopes(scope).some((item) => item.startsWith('patient/'))) {
      throw new OAuthError('invalid_scope', 'Request at least one patient/… scope (e.g. patient/*.read or patient/*.rs).');
    }
    const launch = params.get('launch');
    if (launch !== null && !hasScope(scope, 'launch')) {
      throw new OAuthError('invalid_scope', 'An EHR launch must request the "launch" scope.');
    }
    if (launch === null && !hasScope(scope, 'launch/patient')) {
      throw new OAuthError('invalid_scope', 'A standalone launch must request the "launch/patient" scope.');
    }
    return launch;
  }

  function issueCode(request: AuthorizeRequest, patient: string, launch: Required<LaunchOptions> = STANDALONE): string {
    const code = opaque();
    codes.set(code, {
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      patient,
      scope: grantedScopes(request.scope).join(' '),
      expiresAt: now() + codeLifetimeMs,
      used: false,
      launch,
    });
    return code;
  }

  async function authorize(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const fhirBaseUrl = requestBaseUrl(req, fhirBase);
    let parsed: { request: AuthorizeRequest; launch: string | null };
    try {
      parsed = readAuthorizeRequest(url.searchParams, fhirBaseUrl);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      // A request we cannot trust to redirect (bad client, redirect_uri or state) gets a page.
      const registration = client(url.searchParams.get('client_id'));
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      const state = url.searchParams.get('state') ?? '';
      if (registration && redirectAllowed(registration, redirectUri) && state.length >= 8) {
        redirect(res, withParams(redirectUri, { error: error.error, error_description: error.description, state }));
      } else {
        sendHtml(res, error.status, errorPage('Authorization refused', `${error.error}: ${error.description}`));
      }
      return;
    }
    const { request, launch } = parsed;
    if (launch !== null) {
      const context = launches.get(launch);
      launches.delete(launch); // a launch context starts one authorization
      if (!context || context.expiresAt <= now()) {
        redirect(res, withParams(request.redirectUri, {
          error: 'invalid_request',
          error_description: 'Unknown or expired launch context: launch the app again from the EHR.',
          state: request.state,
        }));
        return;
      }
      // EHR launch: the clinician is already signed in to the EHR, which chose the patient.
      redirect(res, withParams(request.redirectUri, { code: issueCode(request, context.patient, context.launch), state: request.state }));
      return;
    }
    // Standalone launch: the user picks the patient.
    const pickerId = opaque(16);
    pickers.set(pickerId, request);
    const patients = await options.listPatients();
    sendHtml(res, 200, patientPickerPage({ action: `${authBase}/authorize`, pickerId, patients, scope: request.scope }));
  }

  async function decide(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readRequestBody(req, 64 * 1024));
    const pickerId = form.get('request') ?? '';
    const request = pickers.get(pickerId);
    pickers.delete(pickerId);
    if (!request || request.expiresAt <= now()) {
      sendHtml(res, 400, errorPage('Authorization expired', 'This sign-in page has expired or was already used: launch the app again.'));
      return;
    }
    if (form.get('decision') !== 'allow') {
      redirect(res, withParams(request.redirectUri, { error: 'access_denied', error_description: 'The user cancelled.', state: request.state }));
      return;
    }
    const patient = form.get('patient') ?? '';
    const known = (await options.listPatients()).some((choice) => choice.id === patient);
    if (!known) {
      sendHtml(res, 400, errorPage('No patient chosen', 'Choose one of the listed patients.'));
      return;
    }
    redirect(res, withParams(request.redirectUri, { code: issueCode(request, patient), state: request.state }));
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (contentType !== 'application/x-www-form-urlencoded') {
      throw new OAuthError('invalid_request', 'Send the token request as application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(await readRequestBody(req, 64 * 1024));
    if (form.get('grant_type') === 'refresh_token') {
      refresh(req, res, form);
      return;
    }
    if (form.get('grant_type') !== 'authorization_code') {
      throw new OAuthError('unsupported_grant_type', 'Only grant_type=authorization_code and refresh_token are supported.');
    }
    const codeValue = form.get('code') ?? '';
    const code = codes.get(codeValue);
    if (!code) throw new OAuthError('invalid_grant', 'Unknown or expired authorization code.');
    if (code.used) {
      // RFC 6749 §4.1.2 / OAuth 2.0 Security BCP: a replayed code revokes what it produced.
      for (const [key, grant] of tokens) if (grant.code === codeValue) tokens.delete(key);
      for (const [key, grant] of refreshTokens) if (grant.code === codeValue) refreshTokens.delete(key);
      codes.delete(codeValue);
      throw new OAuthError('invalid_grant', 'The authorization code was already used; tokens issued for it are revoked.');
    }
    code.used = true;
    if (code.expiresAt <= now()) throw new OAuthError('invalid_grant', 'The authorization code has expired.');
    if (form.get('client_id') !== code.clientId) throw new OAuthError('invalid_grant', 'The code was issued to another client.');
    if (form.get('redirect_uri') !== code.redirectUri) {
      throw new OAuthError('invalid_grant', 'redirect_uri does not match the authorization request.');
    }
    const verifier = form.get('code_verifier') ?? '';
    if (!CODE_VERIFIER.test(verifier)) throw new OAuthError('invalid_grant', 'code_verifier is missing or malformed (RFC 7636).');
    if (!sameText(pkceChallenge(verifier), code.codeChallenge)) {
      throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge (PKCE S256).');
    }
    sendJson(req, res, 200, issueTokens(req, { ...code, code: codeValue }));
  }

  /** An access token (and a refresh token, when online_access/offline_access was granted) and the launch context. */
  function issueTokens(req: IncomingMessage, grant: Omit<RefreshGrant, 'expiresAt'>): Record<string, unknown> {
    const accessToken = opaque();
    tokens.set(accessToken, {
      clientId: grant.clientId,
      patient: grant.patient,
      scope: grant.scope,
      expiresAt: now() + tokenLifetimeSeconds * 1000,
      code: grant.code,
    });
    issued.push(accessToken);
    let refreshToken: string | undefined;
    if (REFRESH_SCOPES.some((scope) => hasScope(grant.scope, scope))) {
      refreshToken = opaque();
      refreshTokens.set(refreshToken, { ...grant, expiresAt: now() + refreshLifetimeMs });
      issuedRefresh.push(refreshToken);
    }
    const origin = new URL(requestBaseUrl(req, authBase)).origin;
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: tokenLifetimeSeconds,
      scope: grant.scope,
      patient: grant.patient,
      need_patient_banner: grant.launch.needPatientBanner,
      ...(grant.launch.style ? { smart_style_url: `${origin}${authBase}/smart-style.json` } : {}),
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
    };
  }

  /** grant_type=refresh_token: a new access token for the same grant; the refresh token is rotated (single use). */
  function refresh(req: IncomingMessage, res: ServerResponse, form: URLSearchParams): void {
    const value = form.get('refresh_token') ?? '';
    const grant = refreshTokens.get(value);
    refreshTokens.delete(value);
    if (!grant || grant.expiresAt <= now()) throw new OAuthError('invalid_grant', 'Unknown, used or expired refresh token.');
    const clientId = form.get('client_id');
    if (clientId !== null && clientId !== grant.clientId) throw new OAuthError('invalid_grant', 'The refresh token was issued to another client.');
    const { expiresAt: _expired, ...rest } = grant;
    sendJson(req, res, 200, issueTokens(req, rest));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    if (path === `${fhirBase}/.well-known/smart-configuration`) {
      if (method === 'OPTIONS') {
        sendJson(req, res, 204, undefined);
        return true;
      }
      sendJson(req, res, 200, smartConfiguration(requestBaseUrl(req, fhirBase)));
      return true;
    }
    if (path !== authBase && !path.startsWith(authBase + '/')) return false;
    sweep();
    const endpoint = path.slice(authBase.length);
    try {
      if (method === 'OPTIONS') {
        res.statusCode = 204;
        res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Accept, Authorization');
        res.setHeader('Access-Control-Max-Age', '600');
        res.end();
      } else if (endpoint === '/authorize' && method === 'GET') {
        await authorize(req, res, url);
      } else if (endpoint === '/authorize' && method === 'POST') {
        await decide(req, res);
      } else if (endpoint === '/smart-style.json' && (method === 'GET' || method === 'HEAD')) {
        sendJson(req, res, 200, DEMO_EHR_STYLE, { 'Cache-Control': 'public, max-age=300' });
      } else if (endpoint === '/token' && method === 'POST') {
        await token(req, res);
      } else if (endpoint === '/launch' && method === 'POST') {
        const body = JSON.parse((await readRequestBody(req, 16 * 1024)) || '{}') as {
          patient?: unknown;
          need_patient_banner?: unknown;
          smart_style?: unknown;
        };
        if (typeof body.patient !== 'string' || body.patient === '') {
          throw new OAuthError('invalid_request', 'POST {"patient": "<Patient id>"} to create a launch context.');
        }
        const launch = createLaunch(body.patient, {
          needPatientBanner: body.need_patient_banner !== false,
          style: body.smart_style !== false,
        });
        sendJson(req, res, 201, { launch, expires_in: launchLifetimeMs / 1000 });
      } else {
        throw new OAuthError('invalid_request', `No endpoint ${method} ${path}.`, 404);
      }
    } catch (error) {
      if (error instanceof OAuthError) {
        sendJson(req, res, error.status, { error: error.error, error_description: error.description });
      } else if (error instanceof SyntaxError) {
        sendJson(req, res, 400, { error: 'invalid_request', error_description: 'The request body is not valid JSON.' });
      } else {
        sendJson(req, res, 500, { error: 'server_error', error_description: error instanceof Error ? error.message : String(error) });
      }
    }
    return true;
  }

  function createLaunch(patient: string, launchOptions: LaunchOptions = {}): string {
    const launch = opaque(16);
    launches.set(launch, {
      patient,
      expiresAt: now() + launchLifetimeMs,
      launch: { needPatientBanner: launchOptions.needPatientBanner ?? true, style: launchOptions.style ?? true },
    });
    return launch;
  }

  function grantFor(value: string): TokenGrant | undefined {
    const grant = tokens.get(value);
    if (!grant) return undefined;
    if (grant.expiresAt <= now()) {
      tokens.delete(value);
      return undefined;
    }
    return grant;
  }

  return {
    handle,
    grantFor,
    verifyToken: (value) => grantFor(value) !== undefined,
    createLaunch,
    smartConfiguration,
    expireAllTokens() {
      const time = now();
      for (const grant of tokens.values()) grant.expiresAt = time;
    },
    issuedTokens: () => [...issued],
    revokeRefreshTokens: () => refreshTokens.clear(),
    issuedRefreshTokens: () => [...issuedRefresh],
  };
}
