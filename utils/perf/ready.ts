/**
 * Marks the moment a page first shows its content with data (`pp-ready`): what
 * the bench times and the browser tests wait for. Later calls change nothing.
 */
let resolveReady: () => void;
const ready = new Promise<void>((resolve) => (resolveReady = resolve));

export function markReady(): void {
  if (performance.getEntriesByName('pp-ready').length === 0) performance.mark('pp-ready');
  resolveReady();
}

/** Resolves once the page is ready: work that can wait should not compete with the first render. */
export function whenReady(): Promise<void> {
  return ready;
}
