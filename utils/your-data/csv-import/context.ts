import type { Dimension, Membership, Organisation, Partnership } from '../../db/records';
import { listOrganisations } from '../../db/organisations';
import { listPartnerships } from '../../db/partnerships';
import { listPulses } from '../../db/pulses';
import type { PulseDatabase } from '../../db/schema';
import { coreWording } from '../../pulse/questions';
import { anonymityThreshold, clampThreshold } from '../../settings/settings';

/** What an import is matched against: the live records, read once when the file is chosen. */
export interface ImportContext {
  partnerships: Partnership[];
  organisations: Organisation[];
  memberships: Membership[];
  /** The core wording of each partnership's latest pulse: imported pulses join its series. */
  wording: ReadonlyMap<string, Partial<Record<Dimension, string>>>;
  threshold: number;
}

export async function loadImportContext(db: PulseDatabase): Promise<ImportContext> {
  const [partnerships, organisations, memberships, pulses, threshold] = await Promise.all([
    listPartnerships(db),
    listOrganisations(db),
    db.getAll('memberships'),
    listPulses(db),
    anonymityThreshold.getValue(),
  ]);
  // A Map: keyed by ids, so no id (`constructor`, `__proto__`) can reach an object's prototype.
  const wording = new Map<string, Partial<Record<Dimension, string>>>();
  // Newest first: the first pulse seen of a partnership is its latest.
  for (const pulse of pulses) {
    if (!wording.has(pulse.partnershipId)) wording.set(pulse.partnershipId, coreWording(pulse.questions));
  }
  return {
    partnerships,
    organisations,
    memberships: memberships.filter((m) => m.deletedAt === undefined),
    wording,
    threshold: clampThreshold(threshold),
  };
}
