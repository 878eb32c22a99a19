import { useEffect, useRef } from 'preact/hooks';

/**
 * Hands props to a model made once for the component (`useModel`): `feed(...values)` once the
 * component is mounted, and again after a render in which any value changed (by identity), never
 * for a render that changed none. The newest `feed` is called, so an inline function is fine.
 * The model keeps what the user did while the props change under it (what was typed per person,
 * the codes it said it added, the picks).
 */
export function useFeed<A extends unknown[]>(feed: (...values: A) => void, ...values: A): void {
  const latest = useRef(feed);
  latest.current = feed;
  useEffect(
    () => {
      latest.current(...values);
    },
    // The values are the dependencies, whatever their number.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    values,
  );
}
