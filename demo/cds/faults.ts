// Fault modes of the demo CDS service, for client tests: `/cds-faults/<kind>/<ids>/cds-services`
// is the same service (same discovery), except that calls to the services named in `<ids>`
// (comma-separated, or `all`) fail in one way:
//   500       500 with a JSON error
//   timeout   no answer for 60 s (then 504); the client's timeout fires first
//   non-json  200 text/html (a proxy's login page)
//   no-cors   the whole base answers without CORS headers (discovery too): a cross-origin page
//             cannot read it. Same-origin pages can, so tests call it from the other loopback name
//             (localhost ↔ 127.0.0.1) of the same test server.
//   slow      the real answer, after SLOW_MS
//   hostile   200 with cards whose every text field carries markup, script and unsafe URLs
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './service.js';

export const CDS_FAULT_KINDS = ['500', 'timeout', 'non-json', 'no-cors', 'slow', 'hostile'] as const;
export type CdsFaultKind = (typeof CDS_FAULT_KINDS)[number];

export interface CdsFault {
  kind: CdsFaultKind;
  ids: 'all' | string[];
  base: string;
}

/** How long `slow` holds an answer. */
export const SLOW_MS = 1500;
const TIMEOUT_HOLD_MS = 60_000;

const FAULT_PATH = /^\/cds-faults\/([^/]+)\/([^/]+)\/cds-services(?:\/|$)/;

export function faultRoute(path: string): CdsFault | undefined {
  const match = FAULT_PATH.exec(path);
  if (!match || !(CDS_FAULT_KINDS as readonly string[]).includes(match[1])) return undefined;
  const ids = match[2] === 'all' ? 'all' : match[2].split(',');
  return { kind: match[1] as CdsFaultKind, ids, base: `/cds-faults/${match[1]}/${match[2]}/cds-services` };
}

/** Text that would run script or inject markup if a client rendered it as HTML. */
export const HOSTILE = {
  summary: 'Hostile <img src=x onerror="window.__cdsPwned=1"> summary <script>window.__cdsPwned=2</script>',
  detail: [
    '# Heading <b>bold tag</b>',
    '',
    '<script>window.__cdsPwned=3</script>',
    '<iframe src="javascript:window.__cdsPwned=4"></iframe>',
    '<form action="https://evil.example/"><input name=x></form>',
    '<style>:host{display:none}</style>',
    '<img src=x onerror="window.__cdsPwned=5">',
    '',
    '[js link](javascript:window.__cdsPwned=6) [data link](data:text/html,<script>alert(1)</script>) [good link](https://example.org/guide)',
    '',
    '![tracker](https://tracker.example/pixel.gif) <a href="https://evil.example" onclick="window.__cdsPwned=7">raw anchor</a>',
    '',
    '- item **strong** <span style="color:red">styled</span>',
    '',
    '`<code>` and ```<pre>```',
  ].join('\n'),
  sourceLabel: 'Source <img src=x onerror="window.__cdsPwned=8">',
  sourceUrl: 'javascript:window.__cdsPwned=9',
  sourceIcon: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="window.__cdsPwned=10"/>',
  linkUrl: 'javascript:window.__cdsPwned=11',
};

const randomUUID = (): string => globalThis.crypto.randomUUID();

function hostileCards(): unknown {
  return {
    cards: [
      {
        uuid: randomUUID(),
        summary: HOSTILE.summary,
        detail: HOSTILE.detail,
        indicator: 'warning',
        source: { label: HOSTILE.sourceLabel, url: HOSTILE.sourceUrl, icon: HOSTILE.sourceIcon },
        suggestions: [{ label: 'Suggestion <b>bold</b>', uuid: randomUUID(), actions: [{ type: 'create', description: '<i>x</i>' }] }],
        links: [
          { label: 'bad <b>link</b>', url: HOSTILE.linkUrl, type: 'absolute' },
          { label: 'good link', url: 'https://example.org/ok', type: 'absolute' },
        ],
      },
      { summary: 'A card with no indicator is unreadable', source: { label: 'x' } },
    ],
  };
}

/** Answers a hook call with the fault; `real` computes the real answer (for `slow`). */
export async function answerFault(fault: CdsFault, req: IncomingMessage, res: ServerResponse, real: () => Promise<unknown[] | undefined>): Promise<void> {
  const withCors = fault.kind !== 'no-cors';
  switch (fault.kind) {
    case '500':
      sendJson(res, 500, { error: 'internal error (fault mode 500)' }, withCors);
      return;
    case 'timeout': {
      const timer = setTimeout(() => sendJson(res, 504, { error: 'gave up' }), TIMEOUT_HOLD_MS);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    case 'non-json':
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.statusCode = 200;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end('<!doctype html><title>Sign in</title><p>Please sign in to continue.</p>');
      return;
    case 'hostile':
      req.resume();
      sendJson(res, 200, hostileCards(), withCors);
      return;
    case 'slow': {
      const cards = await real();
      if (!cards) return;
      await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
      sendJson(res, 200, { cards }, withCors);
      return;
    }
    case 'no-cors': {
      const cards = await real();
      if (cards) sendJson(res, 200, { cards }, false);
      return;
    }
  }
}
