import { useEffect } from 'preact/hooks';

/** Sets the tab's title (index.html can only hold one language's). */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}
