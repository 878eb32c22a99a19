import type { Snapshot } from '../platforms/snapshot';

/** Messages between content scripts, the background and extension pages. */

export interface SnapshotMessage {
  type: 'pp:snapshot';
  snapshot: Snapshot;
}

export type ExtensionMessage = SnapshotMessage;

export function isSnapshotMessage(message: unknown): message is SnapshotMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'pp:snapshot' &&
    typeof (message as { snapshot?: unknown }).snapshot === 'object'
  );
}
