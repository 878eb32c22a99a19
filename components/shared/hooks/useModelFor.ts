import { useEffect, useMemo } from 'preact/hooks';

/**
 * `useModel` for a model made from props: a new model (and the old one disposed) whenever `key`
 * changes; pass a string that names everything the model is made from.
 */
export function useModelFor<M extends { [Symbol.dispose](): void }>(create: () => M, key: string): M {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` names what `create` reads.
  const model = useMemo(create, [key]);
  useEffect(() => () => model[Symbol.dispose](), [model]);
  return model;
}
