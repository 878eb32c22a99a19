import type { PurposeTag } from './records';

/**
 * The default purpose tags from the domain brief. Their ids and stamps are fixed rather than
 * random so that every database holds the same nine records: bundles from several leads then
 * merge into one set of defaults instead of nine copies per lead. Their display label comes
 * from the messages (`purpose_<key>`); `label` is the English fallback.
 */
export const BUILT_IN_PURPOSES = [
  { key: 'delivery', id: '3363080a-b599-432c-9237-7af992848420', label: 'Project delivery' },
  { key: 'agreement', id: '29bf896f-2a73-44b5-8618-fdd0de69aa1c', label: 'Revising the partnership agreement' },
  { key: 'roles', id: '8efa008a-1b02-4c9b-bd5f-b88bba77bda6', label: 'Clarifying roles and understanding' },
  { key: 'decisions', id: '4fe972ee-a8ea-44eb-98fb-10cf6bea0cb0', label: 'Decision-making' },
  { key: 'learning', id: '2cd40c24-b0a8-4099-b047-a53b5948ab82', label: 'Sharing learning and skills' },
  { key: 'data', id: 'b190045f-5ff0-4108-b0cd-e5d373cbba86', label: 'Data and knowledge sharing' },
  { key: 'planning', id: '9b460019-bb7f-4363-bafa-da3d1f2c8d2a', label: 'Planning joint work and funding bids' },
  { key: 'review', id: '46b0f852-205b-4f7c-8179-be9efb39a876', label: 'Annual review' },
  { key: 'relationships', id: 'bc12c359-3cf2-43d9-a891-802e70518a4d', label: 'Relationship building and networking' },
] as const;

export type BuiltInPurposeKey = (typeof BUILT_IN_PURPOSES)[number]['key'];

/** When schema version 2 introduced them (2026-11-25): the same stamp in every database. */
const BUILT_IN_STAMP = 1795564800000;

export function builtInPurposeTags(): PurposeTag[] {
  return BUILT_IN_PURPOSES.map(({ key, id, label }) => ({
    id,
    builtIn: key,
    label,
    createdAt: BUILT_IN_STAMP,
    updatedAt: BUILT_IN_STAMP,
  }));
}

export function builtInPurposeId(key: BuiltInPurposeKey): string {
  return BUILT_IN_PURPOSES.find((purpose) => purpose.key === key)!.id;
}
