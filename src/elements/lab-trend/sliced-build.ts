// Drives the resumable trend build in slices, yielding to the page between them, so a long record
// (a million results) reaches `ready` without freezing the page. The model never schedules: this does.
import { startLabTrend, type ConverterLoader, type LabTrendInput, type LabTrendModel, type LabTrendPreview } from '../../model/lab-series.js';
import { loadUnitConverter } from '../../model/unit-conversion.js';
import { paintedSoon, yieldToPage } from '../../fhir/yield-to-page.js';

/** Results read between two yields to the page (about 25 ms of reading each: 100,000 results take two tasks). */
export const READ_SLICE = 50_000;

/**
 * A record longer than one slice is read newest first, and the first results read — this many —
 * are drawn while the rest are read (the widget stays `loading` and says so).
 */
export const PREVIEW_SLICE = 5_000;

/**
 * Results read per task after the preview is drawn until a frame has painted it (about half a
 * millisecond each): what runs between that frame and the next task stays short.
 */
export const PAINT_WAIT_SLICE = 1_000;

/**
 * Builds the trend, a slice at a time; stops (throws the abort reason) when `signal` aborts. With
 * `onPreview`, a record longer than one slice is read newest first and `onPreview` is given the
 * series of the first results read (never called after `signal` aborts, nor for the finished trend).
 */
export async function buildTrendSliced(
  input: LabTrendInput,
  signal: AbortSignal,
  loadConverter: ConverterLoader = loadUnitConverter,
  onPreview?: (preview: LabTrendPreview) => void,
): Promise<LabTrendModel> {
  const progressive = onPreview !== undefined && input.observations.length > READ_SLICE;
  // The search that gave these results ran in this task: reading starts in the next one — but a
  // long record's preview slice (a few milliseconds) is read and drawn in this one, so the frame
  // that follows paints it instead of the spinner.
  if (!progressive) {
    await yieldToPage();
    signal.throwIfAborted();
  }
  const build = startLabTrend(progressive ? { ...input, newestFirst: true } : input);
  if (progressive && !build.read(PREVIEW_SLICE)) {
    const preview = build.preview();
    if (preview) onPreview(preview);
    // Short slices until the preview has been painted (the next frame), then long ones: the
    // preview shows within a frame of being drawn without the reading waiting idle for it. At most
    // one long slice's worth of them: where no frame comes (a hidden tab), reading goes on as usual.
    const painted = paintedSoon();
    for (let slice = 0; slice < READ_SLICE / PAINT_WAIT_SLICE; slice += 1) {
      await yieldToPage();
      signal.throwIfAborted();
      if (painted.done || build.read(PAINT_WAIT_SLICE)) break;
    }
  }
  while (!build.read(READ_SLICE)) {
    await yieldToPage();
    signal.throwIfAborted();
  }
  // A long record is sorted by time in steps too (one run, or one merge, per task).
  while (!build.sort()) {
    await yieldToPage();
    signal.throwIfAborted();
  }
  const converter = build.needsConverter() ? await loadConverter() : undefined;
  signal.throwIfAborted();
  const model = build.finish(converter);
  // The series are made in this task; the chart is drawn in the next, so neither waits for the other.
  await yieldToPage();
  signal.throwIfAborted();
  return model;
}
