import { pulseDraftKey } from '../db/drafts';

/**
 * The draft key of the paste box: one per pulse on that pulse's panel, one for the dashboard's
 * box that takes codes for any pulse.
 */
export function pasteDraftKey(pulseId?: string): string {
  return pulseId ? pulseDraftKey('paste', pulseId) : 'paste:any';
}
