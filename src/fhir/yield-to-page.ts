// Letting the page breathe between slices of long work (a million given results): the one place
// that schedules such a pause, for the data layer and the elements alike.

/**
 * Lets the page handle input and paint: the rest of the work goes on in a message task, after what
 * the page has queued and after a frame that is due. (Not scheduler.yield: Chromium runs its
 * continuations ahead of rendering — measured, a million-result trend's preview, drawn 0.1 s in,
 * was first painted with the finished trend 0.6 s later. Not setTimeout: throttled to once a second
 * in a background tab.)
 */
export function yieldToPage(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/**
 * Becomes true once a frame has been painted after the call (a message posted from the next
 * animation frame runs after that frame's paint). Never, where there are no frames (a hidden tab).
 */
export function paintedSoon(): { readonly done: boolean } {
  const flag = { done: false };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => void yieldToPage().then(() => (flag.done = true)));
  return flag;
}
