// The demo's Meet call: the saved Meet page the reader is tested against, with its people,
// title and meeting code swapped for the sample data's, so the panel recognises the call as
// the Northmoor Hardship Crisis Partnership's core meeting (and its people as partners).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const CALL_FIXTURE = 'tests/fixtures/meet/small-call.html';

// Longest first, so a full name is swapped before a first name inside it.
const SWAPS = [
  ['Hartside Food Partnership: core partners', 'Northmoor Hardship Crisis Partnership: core partners'],
  ['priya.raman@hartsidecvs.example', 'sam.okafor@ca-northmoor.example'],
  ['tom.fairbairn@hartside-council.example', 'gareth.price@northmoor-council.example'],
  ['grace.mensah@ageukhartside.example', 'tomasz.nowak@northmoorfood.example'],
  ['siobhan.oneill@hdft.nhs.example', 'hannah.lewis@ca-northmoor.example'],
  // Not in the sample data: a newcomer, to be assigned to an organisation in the panel.
  ['eleanor.whitcombe@penninefund.example', 'leila.haddad@northmoorfood.example'],
  ["Dr Siobhan O'Neill", 'Hannah Lewis'],
  ['Eleanor Whitcombe', 'Leila Haddad'],
  ['Tom Fairbairn', 'Gareth Price'],
  ['Priya Raman', 'Sam Okafor'],
  ['Grace Mensah', 'Tomasz Nowak'],
  ['Kwame Asante', 'Bethany Clarke'],
  ['Tom,', 'Gareth,'],
];

/**
 * The page's HTML for the meeting code `code` (e.g. 'kzp-wmrd-qxa'). If the saved page has
 * changed so that something to swap is missing, the page is served as saved, with a warning:
 * the demo still runs, the call just is not one of the sample partnerships'.
 */
export function demoCallPage(root, code) {
  const saved = readFileSync(path.join(root, CALL_FIXTURE), 'utf8');
  const savedCode =
    /meet\.google\.com\/([a-z]{3}-[a-z]{4}-[a-z]{3})/.exec(saved)?.[1] ?? /spaces\/([a-z-]+)\//.exec(saved)?.[1];
  const swaps = savedCode ? [...SWAPS, [savedCode, code]] : SWAPS;
  const missing = swaps.filter(([from]) => !saved.includes(from)).map(([from]) => from);
  if (missing.length > 0) {
    console.warn(`Warning: ${CALL_FIXTURE} no longer has ${missing.join(', ')}; the demo call is served as saved.`);
    return saved;
  }
  return swaps.reduce((html, [from, to]) => html.replaceAll(from, to), saved);
}
