// The readers of a report's attachments (`presentedForm`) and media (R4 / R5 `media`, STU3 `image`):
// loaded with the module that shows them (the report detail), which hands `ATTACHMENT_READERS` to
// the model (`setAttachmentReaders`), so a list of closed reports decodes no attachment.
import { attachmentView } from './attachment.js';
import { refsOf, type AttachmentReaders, type ReportView, type ResourceIndex } from './diagnostic-report.js';
import type { AnyResource } from './fhir-types.js';

/** A report's media: each one's comment, what it links to, and the linked Media's attachment. */
function readMedia(report: AnyResource, index: ResourceIndex): ReportView['media'] {
  const media: ReportView['media'] = [];
  for (const item of [report.media, report.image].flat() as Record<string, unknown>[]) {
    if (!item || typeof item !== 'object') continue;
    const link = refsOf(item.link)[0];
    const target = index.resolve(link?.reference, report);
    const content = target?.content as unknown;
    const attachmentSource =
      target?.resourceType === 'Media' ? target.content : Array.isArray(content) ? (content[0] as { attachment?: unknown })?.attachment : undefined;
    const comment = typeof item.comment === 'string' && item.comment.trim() ? item.comment : undefined;
    media.push({
      ...(comment ? { comment } : {}),
      ...(link?.display ?? link?.reference ? { link: link.display ?? link.reference } : {}),
      ...(attachmentSource ? { attachment: attachmentView(attachmentSource) } : {}),
    });
  }
  return media;
}

/** What the module that shows attachments hands the model (`setAttachmentReaders`). */
export const ATTACHMENT_READERS: AttachmentReaders = { attachment: attachmentView, media: readMedia };
