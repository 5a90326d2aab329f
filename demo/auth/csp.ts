// The Content-Security-Policy the demo pages are served with (issue 16, "strict host pages"): no
// inline script or style, no eval, no plugins, no <base>, and Trusted Types required for every DOM
// script sink — with no policy named by the page (Lit creates its own, `lit-html`, for its
// template HTML, which the directive allows when `trusted-types` is absent).
//
// Two pages need one addition each, for what they are, and nothing else is relaxed:
//  - the demo EHR frames apps served from other (loopback) origins: `frame-src`;
//  - the SMART app talks to the FHIR server and authorization server of the EHR that launched it,
//    which may be another origin (in the tests: the EHR on 127.0.0.1, the app on localhost):
//    `connect-src`. A real app lists the EHRs it is registered with.

export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

const LOOPBACK_ORIGINS = 'http://localhost:* http://127.0.0.1:*';

/** The policy for a demo page path, or undefined for anything that is not one of its pages. */
export function demoPagePolicy(path: string): string | undefined {
  if (path === '/' || path === '/index.html') return STRICT_CSP;
  if (path === '/ehr/' || path === '/ehr/index.html') return `${STRICT_CSP}; frame-src 'self' ${LOOPBACK_ORIGINS}`;
  if (path === '/smart/' || path === '/smart/index.html' || path === '/smart/launch.html') {
    return `${STRICT_CSP}; connect-src 'self' ${LOOPBACK_ORIGINS}`;
  }
  return undefined;
}
