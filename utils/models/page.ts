/** Dispose a page's model once the page is gone (not while it is only kept in the back-forward cache). */
export function disposeWithPage(model: { [Symbol.dispose](): void }): void {
  window.addEventListener('pagehide', (event) => {
    if (!event.persisted) model[Symbol.dispose]();
  });
}
