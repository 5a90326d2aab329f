// A FHIR Attachment (DiagnosticReport.presentedForm, Observation.valueAttachment, R5 media) as
// something safe to show (DESIGN.md §3 rules 10 and 12):
// - `text/*` (plain, HTML, anything textual) in `data` is decoded and shown as text — HTML is never
//   rendered as markup; only the first MAX_TEXT_CHARS are decoded, so a huge note cannot freeze the page.
// - PDFs and raster images are offered as a link: to a blob made from `data` (by the element, when
//   the report is opened), or to an `http(s)` `url`. SVG and every other type in `data` is offered
//   only as a download (`application/octet-stream`), never opened in the page's origin.
// - Any other URL scheme (`javascript:`, `data:`, `file:`, relative `Binary/1` …) is refused and said so.

/** Characters of decoded text kept for display (the rest is counted as not shown). */
export const MAX_TEXT_CHARS = 100_000;

/** Content types a browser may open from a blob in a new tab without running script. */
const OPENABLE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp']);

export type AttachmentView =
  | {
      kind: 'text';
      title?: string;
      contentType: string;
      text: string;
      /** True when the text was HTML (shown as its source text, never as markup). */
      markup: boolean;
      /** True when only the first MAX_TEXT_CHARS were decoded. */
      truncated: boolean;
    }
  | {
      kind: 'link';
      title?: string;
      contentType: string;
      /** An http(s) URL to open. */
      url?: string;
      /** Base64 data to turn into a blob URL when shown. */
      data?: string;
      /** The blob's type: the content type when it is safe to open, else `application/octet-stream`. */
      blobType?: string;
      /** True when the link downloads rather than opens. */
      download: boolean;
      /** Bytes, from `size` or the data's length. */
      size?: number;
    }
  | { kind: 'refused'; title?: string; contentType: string; reason: 'scheme' | 'empty' | 'undecodable' };

function mediaType(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.split(';')[0].trim().toLowerCase();
}

/** True for an absolute http(s) URL (the only schemes ever made into a link). */
export function isWebUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Decodes (a prefix of) base64 as UTF-8; undefined when it is not base64. */
export function decodeBase64Text(data: string, maxChars = MAX_TEXT_CHARS): { text: string; truncated: boolean } | undefined {
  const clean = data.replace(/\s+/g, '');
  // UTF-8 needs at most 4 bytes a character; 3 bytes per 4 base64 characters.
  const limit = Math.ceil((maxChars * 4) / 3 / 4) * 4 * 4;
  const slice = clean.length > limit ? clean.slice(0, limit) : clean;
  const bytes = base64Bytes(slice);
  if (!bytes) return undefined;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes, { stream: slice !== clean });
  const truncated = slice !== clean || text.length > maxChars;
  return { text: text.length > maxChars ? text.slice(0, maxChars) : text, truncated };
}

/** Decodes base64 to bytes (the element makes a blob of them). */
export function base64Bytes(data: string): Uint8Array | undefined {
  try {
    const binary = atob(data.replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** How to show one Attachment. */
export function attachmentView(value: unknown): AttachmentView {
  const attachment = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const contentType = mediaType(attachment.contentType);
  const title = typeof attachment.title === 'string' && attachment.title.trim() ? attachment.title.trim() : undefined;
  const base = { ...(title ? { title } : {}), contentType };
  const data = typeof attachment.data === 'string' && attachment.data.trim() ? attachment.data : undefined;
  const url = typeof attachment.url === 'string' && attachment.url.trim() ? attachment.url.trim() : undefined;
  const declaredSize = typeof attachment.size === 'number' ? attachment.size : Number(attachment.size);
  const textual = contentType.startsWith('text/') || contentType === '';

  if (data && textual) {
    const decoded = decodeBase64Text(data);
    if (!decoded) return { ...base, kind: 'refused', reason: 'undecodable' };
    return { ...base, kind: 'text', text: decoded.text, truncated: decoded.truncated, markup: contentType === 'text/html' };
  }
  if (data) {
    const openable = OPENABLE.has(contentType);
    return {
      ...base,
      kind: 'link',
      data,
      blobType: openable ? contentType : 'application/octet-stream',
      download: !openable,
      size: Number.isFinite(declaredSize) && declaredSize > 0 ? declaredSize : Math.floor((data.replace(/\s+/g, '').length * 3) / 4),
    };
  }
  if (url) {
    if (!isWebUrl(url)) return { ...base, kind: 'refused', reason: 'scheme' };
    return {
      ...base,
      kind: 'link',
      url,
      download: false,
      ...(Number.isFinite(declaredSize) && declaredSize > 0 ? { size: declaredSize } : {}),
    };
  }
  return { ...base, kind: 'refused', reason: 'empty' };
}
