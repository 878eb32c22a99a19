import { createContext } from 'preact';

/**
 * Opens the Pulses section with a new pulse for a held meeting. The panel provides it, so a
 * meeting form anywhere in the panel can offer "Start a pulse" once the meeting is saved.
 */
export const StartPulseContext = createContext<((meetingId: string) => void) | null>(null);
