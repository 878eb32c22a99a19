import { useEffect, useRef } from 'preact/hooks';

/**
 * A ref for an element that takes the focus when it first renders, if `when`: the heading
 * (tabIndex -1) of a view that replaced the one the lead acted in, so the focus is not lost
 * to the top of the page and a screen reader reads where they are now.
 */
export function useFocusOnMount<T extends HTMLElement>(when: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (when) ref.current?.focus();
  }, [when]);
  return ref;
}
