export interface WaitOptions {
  timeout?: number;
  interval?: number;
  /** Explains the failure; called only on timeout, so it can report the last value seen. */
  message?: () => string;
}

/** Polls `condition` until it returns true, or throws after `timeout` ms. */
export async function waitFor(condition: () => boolean | Promise<boolean>, options: WaitOptions = {}): Promise<void> {
  const { timeout = 10_000, interval = 100, message = () => 'condition' } = options;
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for: ${message()}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
