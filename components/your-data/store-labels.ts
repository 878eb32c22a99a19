import type { BundleStore } from '../../utils/your-data/bundle/format';
import { t, type MessageKey } from '../../utils/i18n/messages';

const STORE_KEYS: Record<BundleStore, MessageKey> = {
  partnerships: 'dataStorePartnerships',
  organisations: 'dataStoreOrganisations',
  memberships: 'dataStoreMemberships',
  people: 'dataStorePeople',
  purposeTags: 'dataStorePurposeTags',
  meetings: 'dataStoreMeetings',
  pulses: 'dataStorePulses',
  responses: 'dataStoreResponses',
};

/** A kind of record as the user calls it. */
export function storeLabel(store: BundleStore): string {
  return t(STORE_KEYS[store]);
}
