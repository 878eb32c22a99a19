import { useEffect, useState } from 'preact/hooks';
import { themeFor, type Theme } from './palette';

const DARK = '(prefers-color-scheme: dark)';

/** The chart colours for the page's colour scheme, following a change while the page is open. */
export function useTheme(): Theme {
  const [query] = useState(() => (typeof matchMedia === 'function' ? matchMedia(DARK) : null));
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const follow = () => setDark(query.matches);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, [query]);
  return themeFor(dark);
}
