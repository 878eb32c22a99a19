import type { ReadonlySignal } from '@preact/signals';

/** A model's signal as its public shape shows it: read-only to the components that use it. */
export const readonly = <T>(value: ReadonlySignal<T>): ReadonlySignal<T> => value;
