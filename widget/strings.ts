// Every word the widget shows. The widget runs without the extension (no browser.i18n), so
// its strings live here, in one place to translate; dates and numbers go through Intl.
import type { PartnerType } from '../utils/db/records';

/** The language these strings are in, for <html lang>: change it with them when translating. */
export const stringsLanguage = 'en';

export const strings = {
  pageTitle: 'Partnership pulse',
  heading: 'How is the partnership working?',
  intro: 'About 30 seconds. Your name is not asked for.',
  /** One line under the intro, above the questions: who reads the answer, and the key's check code. */
  sealedFor: 'Sealed for the lead',
  checkCodeShort: (code: string) => `· check code ${code}`,
  openUntil: (date: string) => `Open until ${date}.`,

  partnerTypeLegend: 'My organisation is…',
  partnerTypeRequired: 'Please choose what kind of partner your organisation is.',
  partnerTypes: {
    lead: ['Lead partner', 'holds the grant or chairs'],
    core: ['Core partner', 'has a key delivery role'],
    wider: ['Wider partner', 'joins in to extend reach'],
  } satisfies Record<PartnerType, [title: string, detail: string]>,
  answeringFor: (label: string) => `You are answering for ${label}.`,
  whoReads:
    'Only the partnership lead can open your answer. Results are shown only after the pulse has closed, and only for groups of answers large enough that no single answer can be picked out.',
  checkCodeHelp: 'The lead can read out their check code: if it differs from the one above, this link was changed.',

  scaleKey: (low: string, high: string) => `${low} = strongly disagree, ${high} = strongly agree`,
  agree5: ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'],
  zeroTenEnds: (low: string, high: string) => `${low} = lowest, ${high} = highest`,
  preferNotToSay: 'Prefer not to say',
  optional: '(optional)',
  addComment: 'Add a comment (optional)',
  commentLabel: 'Anything else?',
  submit: 'Submit',
  sealing: 'Sealing your answers…',
  sealFailed: 'Your answers could not be sealed. Please try again.',

  doneHeading: 'Thank you',
  codeLabel: 'Your response code',
  whereToPaste: (partnership: string) =>
    `Paste this code into the call chat, or send it to the ${partnership} lead in a reply.`,
  codePrivacy: 'Only the lead’s Partnership Pulse can open it; anyone else sees an unreadable code.',
  longCode:
    'This code is long: some call chats cut long messages short, so if yours does, send it to the lead by email instead.',
  copy: 'Copy code',
  copied: 'Copied.',
  copiedOnSubmit: 'Your code is copied: paste it where the lead asked.',
  copyRefused:
    'This browser did not let the page copy your code. It is selected: copy it, then paste it where the lead asked.',
  share: 'Share code',
  shareFailed: 'Could not share the code: copy it instead.',
  copyByHand: 'Select the code and copy it.',

  cannotOpen: 'This pulse cannot be answered here',
  missing: 'This page needs a pulse link. Open the link the partnership lead sent you: it ends with # and a long code.',
  damaged:
    'This pulse link is damaged or incomplete. Copy the whole link from the message again, or ask the lead for a new one.',
  unsupportedVersion:
    'This pulse link comes from a newer version of Partnership Pulse. Please ask the lead for a new link.',
  expired: (date: string) => `This pulse closed on ${date}. If answers are still wanted, the lead can send a new link.`,
  somethingWentWrong:
    'Something went wrong on this page. The details below say where it happened, with nothing you typed in them.',
  errorDetails: 'Error details',
  copyDetails: 'Copy details',
  detailsCopied: 'Details copied.',
  copyDetailsFailed: 'Couldn’t copy – select the details and copy them.',
  dismiss: 'Dismiss',

  noCrypto:
    'This browser cannot seal your answers safely: secure encryption is not available here. Open the link in an up-to-date browser, from an https:// address or from the file itself.',
};
