/**
 * Lets the browser paint and handle input between chunks of work, then goes
 * on at once: `scheduler.yield()` where the browser has it, else a message
 * to ourselves. (Chained `setTimeout(0)` is clamped to 4 ms after five
 * levels, which added ~30 ms to decoding the values file.)
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as {scheduler?: {yield?: () => Promise<void>}}).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  if (typeof MessageChannel === "undefined") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
