// The chart's cursor: which result the keyboard or the pointer is on, and the live announcement
// of each result the keyboard reaches. ← → between results, ↑ ↓ between series (nearest in time),
// Home / End to the first / latest, Page Up / Down by a tenth of the visible results.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { firstIndexFrom } from '../../model/lab-series.js';
import { nearestPoint, type ChartCursor, type PanelView } from './trend-chart.js';

export class ChartCursorController implements ReactiveController {
  /** Where the cursor is, if anywhere. */
  cursor?: ChartCursor;
  /** The live region's text: the last result the keyboard reached. */
  announcement = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Words for point `index` of series `series` of a panel view. */
    private readonly describe: (view: PanelView, series: number, index: number) => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Forgets the cursor (new data, another range, the table shown). */
  reset(): void {
    if (this.cursor === undefined) return;
    this.cursor = undefined;
    this.host.requestUpdate();
  }

  private move(views: readonly PanelView[], panel: number, series: number, index: number, by: ChartCursor['by']): void {
    const s = views[panel]?.series[series];
    if (!s) return;
    const clamped = Math.min(s.series.length - 1, Math.max(s.from, index));
    this.cursor = { panel, series, index: clamped, by };
    if (by === 'keyboard') this.announcement = this.describe(views[panel], series, clamped);
    this.host.requestUpdate();
  }

  focus(views: readonly PanelView[], panel: number): void {
    if (this.cursor?.panel === panel && this.cursor.by === 'keyboard') return;
    this.move(views, panel, 0, views[panel].series[0].series.length - 1, 'keyboard');
  }

  blur(): void {
    if (this.cursor?.by === 'keyboard') this.reset();
  }

  key(event: KeyboardEvent, views: readonly PanelView[], panel: number): void {
    const cursor = this.cursor?.panel === panel ? this.cursor : undefined;
    const view = views[panel];
    const seriesIndex = cursor?.series ?? 0;
    const s = view.series[seriesIndex];
    const last = s.series.length - 1;
    const index = cursor?.index ?? last;
    const jump = Math.max(1, Math.round((s.series.length - s.from) / 10));
    let next: [number, number] | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = [seriesIndex, index + 1];
        break;
      case 'ArrowLeft':
        next = [seriesIndex, index - 1];
        break;
      case 'Home':
        next = [seriesIndex, s.from];
        break;
      case 'End':
        next = [seriesIndex, last];
        break;
      case 'PageUp':
        next = [seriesIndex, index - jump];
        break;
      case 'PageDown':
        next = [seriesIndex, index + jump];
        break;
      case 'ArrowUp':
      case 'ArrowDown': {
        const other = seriesIndex + (event.key === 'ArrowUp' ? -1 : 1);
        const target = view.series[other];
        if (!target) break;
        // The other series' result nearest in time.
        const time = s.series.times[index];
        const times = target.series.times;
        let j = firstIndexFrom(times, time);
        if (j >= times.length || (j > target.from && time - times[j - 1] < times[j] - time)) j -= 1;
        next = [other, j];
        break;
      }
      default:
        return;
    }
    event.preventDefault();
    if (next) this.move(views, panel, next[0], next[1], 'keyboard');
  }

  pointerMove(event: PointerEvent, views: readonly PanelView[], panel: number): void {
    const target = (event.currentTarget as HTMLElement).querySelector('svg');
    if (!target) return;
    const rect = target.getBoundingClientRect();
    const view = views[panel];
    if (rect.width === 0 || rect.height === 0) return;
    const px = ((event.clientX - rect.left) * view.width) / rect.width;
    const py = ((event.clientY - rect.top) * view.height) / rect.height;
    const found = nearestPoint(view, px, py);
    if (!found) return;
    if (this.cursor?.by === 'keyboard' && this.cursor.panel === panel) return; // the keyboard leads while focused
    if (this.cursor?.panel !== panel || this.cursor.series !== found.series || this.cursor.index !== found.index) {
      this.cursor = { panel, ...found, by: 'pointer' };
      this.host.requestUpdate();
    }
  }

  pointerLeave(): void {
    if (this.cursor?.by === 'pointer') this.reset();
  }
}
