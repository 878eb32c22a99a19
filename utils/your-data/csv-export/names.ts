import type { Organisation, Partnership, PurposeTag } from '../../db/records';
import { purposeLabel } from '../../i18n/labels';

/**
 * Names by id for the exports. An organisation merged into another reads as that one; a deleted
 * one reads as '' (its rows are left out).
 */
export interface Names {
  partnership(id: string): string;
  organisation(id: string): string;
  purpose(id: string): string;
}

export function namesOf(records: {
  partnerships: readonly Partnership[];
  organisations: readonly Organisation[];
  purposeTags: readonly PurposeTag[];
}): Names {
  const partnerships = new Map(records.partnerships.map((p) => [p.id, p.name]));
  const organisations = new Map(records.organisations.map((o) => [o.id, o]));
  const purposes = new Map(records.purposeTags.map((tag) => [tag.id, purposeLabel(tag)]));
  return {
    partnership: (id) => partnerships.get(id) ?? '',
    organisation: (id) => {
      const organisation = resolveOrganisation(organisations, id);
      return organisation && organisation.deletedAt === undefined ? organisation.name : '';
    },
    purpose: (id) => purposes.get(id) ?? '',
  };
}

/** Follows `mergedInto` (a few steps at most; a cycle ends the walk). */
export function resolveOrganisation(
  organisations: ReadonlyMap<string, Organisation>,
  id: string,
): Organisation | undefined {
  let organisation = organisations.get(id);
  const seen = new Set<string>();
  while (organisation?.mergedInto && !seen.has(organisation.id)) {
    seen.add(organisation.id);
    organisation = organisations.get(organisation.mergedInto) ?? organisation;
  }
  return organisation;
}
