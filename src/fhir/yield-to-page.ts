// Letting the page breathe between slices of long work (a million given results): the one place
// that schedules such a pause, for the data layer and the elements alike.

/**
 * Lets the page handle input and paint: scheduler.yield where the browser has it, else a message
 * task (unlike setTimeout, not throttled to once a second in a background tab).
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
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
