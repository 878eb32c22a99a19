// The partner's survey widget: reads the invite (from the address's fragment, or the copy
// embedded in a saved file), shows the form, seals the answers to the pulse's public key
// and shows the response code to paste back. Built as one self-contained pulse.html
// (widget/vite.config.ts) and as the extension's pulse.html page for the lead's preview.
import './styles.css';
import { PARTNER_TYPES } from '../utils/db/records';
import { embeddedInvite } from '../utils/pulse/embed';
import { decodeInvite, isInviteExpired, type InviteQuestion, type PulseInvite } from '../utils/pulse/invite';
import { sealResponse } from '../utils/pulse/response-code';
import { checkCode } from '../utils/pulse/check-code';
import { captureErrors } from '../utils/errors/capture';
import { reportText, type ErrorReport } from '../utils/errors/report';
import { WIDGET_MESSAGES } from '../utils/errors/safe-messages';
import { version } from '../package.json';
import { h } from './dom';
import { FIELD, NOT_SAID, randomUuid, responseFromForm, SCALE_VALUES } from './form';
import { strings, stringsLanguage } from './strings';

const root = document.getElementById('app')!;

// Unexpected errors are shown with details to copy; the widget has no storage to keep a log in.
// Stack paths are relative to the folder the page was opened from, which may name the user.
captureErrors(
  window,
  {
    page: 'widget',
    version,
    base: location.href.replace(/[?#].*$/, '').replace(/[^/]*$/, ''),
    userAgent: navigator.userAgent,
    known: WIDGET_MESSAGES,
  },
  showErrorNotice,
);
let errorNotice: HTMLElement | undefined;
/** Characters: Google Meet's chat takes messages up to 500 characters. */
const LONG_CODE = 500;
const formatDate = (epochMs: number) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' }).format(epochMs);
const formatNumber = (value: number) => new Intl.NumberFormat().format(value);

function start(): void {
  document.documentElement.lang = stringsLanguage;
  document.title = strings.pageTitle;
  const decoded = decodeInvite(location.hash.slice(1) || embeddedInvite(document));
  if (!decoded.ok) {
    const { error } = decoded;
    return showProblem(
      error === 'missing' ? strings.missing : error === 'damaged' ? strings.damaged : strings.unsupportedVersion,
    );
  }
  const { invite } = decoded;
  if (isInviteExpired(invite)) return showProblem(strings.expired(formatDate(invite.expiresAt)));
  // Outside a secure context (a plain http:// page) crypto.subtle is undefined; file:// counts as secure.
  if (typeof globalThis.crypto?.subtle?.importKey !== 'function') return showProblem(strings.noCrypto);
  showForm(invite);
}

function showProblem(message: string): void {
  root.replaceChildren(
    h('main', { class: 'card', role: 'alert' }, h('h1', {}, strings.cannotOpen), h('p', {}, message)),
  );
}

function showForm(invite: PulseInvite): void {
  const typeError = h('p', { class: 'error', id: 'type-error', hidden: true }, strings.partnerTypeRequired);
  const status = h('p', { class: 'status', role: 'status' });
  const submit = h('button', { type: 'submit', class: 'primary' }, strings.submit);
  const fingerprint = h('span', { id: 'check-code' });
  const partnerTypes = h(
    'fieldset',
    { 'aria-describedby': 'type-error' },
    h('legend', {}, strings.partnerTypeLegend),
    h(
      'div',
      { class: 'options row types' },
      ...PARTNER_TYPES.map((type) => {
        const [title, detail] = strings.partnerTypes[type];
        return option(FIELD.partnerType, type, h('b', {}, title), h('small', {}, detail));
      }),
    ),
    typeError,
  );
  const agreeScale = invite.questions.some((q) => q.scale === 'agree5');

  const form = h(
    'form',
    { novalidate: true },
    // A personal link knows its seat (the lead's records give its partner type): the first tap is a rating.
    invite.seat ? h('p', { class: 'muted' }, strings.answeringFor(invite.seat.label)) : partnerTypes,
    agreeScale &&
      h('p', { class: 'muted scale-key', id: 'scale-key' }, strings.scaleKey(formatNumber(1), formatNumber(5))),
    ...invite.questions.map(questionField),
    // Folded: most partners add nothing, and the open box would push Submit off a phone's screen.
    h(
      'details',
      { class: 'comment' },
      h('summary', {}, strings.addComment),
      h(
        'label',
        { class: 'field' },
        h('span', { class: 'label' }, strings.commentLabel),
        h('textarea', { name: FIELD.comment, rows: 3, maxlength: 500 }),
      ),
    ),
    submit,
    status,
  );

  // A tap on an answer moves on to the next question by itself; keys (Tab, arrows) move only where they are pressed.
  let byPointer = false;
  form.addEventListener('pointerdown', () => (byPointer = true));
  form.addEventListener('keydown', () => (byPointer = false));
  form.addEventListener('change', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'radio') return;
    if (input.name === FIELD.partnerType) {
      typeError.hidden = true;
      partnerTypes.removeAttribute('aria-invalid');
    }
    if (byPointer) nextStop(form, input)?.focus();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (isInviteExpired(invite)) return showProblem(strings.expired(formatDate(invite.expiresAt)));
    const data = new FormData(form);
    const field = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : null;
    };
    const payload = responseFromForm(invite, field, { responseId: randomUuid(), answeredAt: Date.now() });
    typeError.hidden = payload !== null;
    partnerTypes.toggleAttribute('aria-invalid', payload === null);
    if (!payload) return partnerTypes.querySelector('input')?.focus();

    submit.disabled = true;
    status.textContent = strings.sealing;
    const sealed = sealResponse(
      invite.publicKey,
      payload,
      invite.questions.map((q) => q.id),
    );
    // The copy starts in the same tap as Submit, while the browser still counts it as the user's.
    const copied = copyWhenSealed(sealed);
    sealed.then(
      async (code) => showCode(invite, code, await copied),
      () => {
        status.textContent = strings.sealFailed;
        submit.disabled = false;
      },
    );
  });

  root.replaceChildren(
    h(
      'main',
      { class: 'card' },
      h('p', { class: 'eyebrow' }, invite.partnershipName),
      h('h1', {}, strings.heading),
      h('p', { class: 'intro' }, strings.intro),
      // Who reads the answer and the key's check code, above the questions: on a phone, below Submit is off screen.
      h('p', { class: 'intro sealed' }, strings.sealedFor, ' ', fingerprint),
      form,
      h(
        'footer',
        { class: 'muted' },
        h('p', {}, strings.openUntil(formatDate(invite.expiresAt))),
        h('p', {}, strings.whoReads),
        h('p', {}, strings.checkCodeHelp),
      ),
    ),
  );
  void checkCode(invite.publicKey).then((code) => {
    fingerprint.textContent = strings.checkCodeShort(code);
    fingerprint.dataset.checkCode = code;
  });
}

/**
 * Where a tap on `input` moves the focus: the next question's chosen (or first) answer, or
 * Submit after the last. Nowhere when the next question is free text (focusing it would open
 * a phone's keyboard unasked).
 */
function nextStop(form: HTMLFormElement, input: HTMLInputElement): HTMLElement | undefined {
  const stops = Array.from(form.querySelectorAll<HTMLElement>(':scope > fieldset, :scope > label, [type=submit]'));
  const here = stops.findIndex((stop) => stop.contains(input));
  const next = stops[here + 1];
  if (!next || next.tagName === 'LABEL') return undefined;
  if (next.tagName === 'BUTTON') return next;
  return next.querySelector<HTMLElement>('input:checked') ?? next.querySelector<HTMLElement>('input') ?? undefined;
}

function questionField(question: InviteQuestion, index: number): HTMLElement {
  const name = FIELD.question(index);
  if (question.scale === 'text') {
    return h(
      'label',
      { class: 'field' },
      h('span', { class: 'label' }, question.wording, ' ', h('span', { class: 'muted' }, strings.optional)),
      h('textarea', { name, rows: 3, maxlength: 500 }),
    );
  }
  const values = SCALE_VALUES[question.scale];
  const agree = question.scale === 'agree5';
  const hintId = `${name}-hint`;
  return h(
    'fieldset',
    { 'aria-describedby': agree ? 'scale-key' : hintId },
    h('legend', {}, question.wording),
    !agree &&
      h(
        'p',
        { class: 'muted', id: hintId },
        strings.zeroTenEnds(formatNumber(values[0]!), formatNumber(values[values.length - 1]!)),
      ),
    h(
      'div',
      { class: agree ? 'options row agree' : 'options numbers' },
      // The agreement words are read out with each number; on screen the scale key above says them once.
      ...values.map((value, i) =>
        option(
          name,
          String(value),
          h('b', {}, formatNumber(value)),
          agree && ' ',
          agree && h('span', { class: 'hidden-label' }, strings.agree5[i]!),
        ),
      ),
      agree && option(name, NOT_SAID, h('small', {}, strings.preferNotToSay)),
    ),
    !agree && h('div', { class: 'options' }, option(name, NOT_SAID, h('span', {}, strings.preferNotToSay))),
  );
}

function option(name: string, value: string, ...content: Array<Node | string | false>): HTMLLabelElement {
  return h('label', { class: 'option' }, h('input', { type: 'radio', name, value }), h('span', {}, ...content));
}

/**
 * Writes the code to the clipboard once sealed. Called in the Submit tap itself: a
 * ClipboardItem takes the code still being sealed, so the write keeps the tap's permission;
 * where there is none, the code is written when ready. False if the browser refused.
 */
async function copyWhenSealed(sealed: Promise<string>): Promise<boolean> {
  const clipboard = navigator.clipboard as Clipboard | undefined;
  if (!clipboard) return false;
  if (typeof ClipboardItem === 'function' && typeof clipboard.write === 'function') {
    try {
      const blob = sealed.then((code) => new Blob([code], { type: 'text/plain' }));
      await clipboard.write([new ClipboardItem({ 'text/plain': blob })]);
      return true;
    } catch {
      // A browser without promised ClipboardItems may still take the text itself, the tap being recent.
    }
  }
  try {
    await clipboard.writeText(await sealed);
    return true;
  } catch {
    return false;
  }
}

function showCode(invite: PulseInvite, code: string, copied: boolean): void {
  const area = h('textarea', { id: 'code', class: 'code', readonly: true, rows: 6, spellcheck: 'false' });
  area.value = code;
  const status = h('p', { class: 'status', role: 'status' });
  const heading = h('h1', { tabindex: -1 }, strings.doneHeading);
  const copy = h('button', { type: 'button', class: 'primary' }, strings.copy);
  copy.addEventListener('click', () => copyCode(area, status));
  // Straight back to the chat or mail app, where the phone has a share sheet.
  const share =
    typeof navigator.share === 'function' && h('button', { type: 'button', class: 'primary secondary' }, strings.share);
  if (share) share.addEventListener('click', () => shareCode(code, status));
  root.replaceChildren(
    h(
      'main',
      { class: 'card' },
      heading,
      status,
      h('p', {}, strings.whereToPaste(invite.partnershipName)),
      h('label', { for: 'code', class: 'label' }, strings.codeLabel),
      area,
      h('div', { class: 'actions' }, copy, share),
      h('p', { class: 'muted' }, strings.codePrivacy),
      code.length > LONG_CODE && h('p', { class: 'muted' }, strings.longCode),
    ),
  );
  // Tall enough to show the whole code, so nobody copies half of it by hand.
  area.style.height = `${area.scrollHeight + 2}px`;
  if (copied) {
    status.textContent = strings.copiedOnSubmit;
    heading.focus();
    return;
  }
  // The browser refused the copy: the code is selected, ready for the phone's own Copy.
  area.focus();
  area.select();
  status.textContent = strings.copyRefused;
}

async function shareCode(code: string, status: HTMLElement): Promise<void> {
  try {
    await navigator.share({ text: code });
  } catch (error) {
    // Closing the share sheet is not a failure.
    if (!(error instanceof DOMException && error.name === 'AbortError')) status.textContent = strings.shareFailed;
  }
}

async function copyCode(area: HTMLTextAreaElement, status: HTMLElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(area.value);
    status.textContent = strings.copied;
    return;
  } catch {
    // No clipboard API here (or permission refused): fall back to a selection and execCommand.
  }
  area.focus();
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  status.textContent = copied ? strings.copied : strings.copyByHand;
}

function showErrorNotice(report: ErrorReport): void {
  const text = reportText(report);
  const status = h('span', { class: 'status', role: 'status' });
  const notice = h(
    'div',
    // Not a .card: on a phone that fills the screen and would hide the form below it.
    // Its layout is in styles.css: the page's CSP refuses style attributes.
    { class: 'error-report', role: 'alert' },
    h('p', {}, strings.somethingWentWrong),
    h('details', {}, h('summary', {}, strings.errorDetails), h('pre', {}, text)),
    h(
      'p',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          onclick: () =>
            navigator.clipboard.writeText(text).then(
              () => (status.textContent = strings.detailsCopied),
              () => (status.textContent = strings.copyDetailsFailed),
            ),
        },
        strings.copyDetails,
      ),
      ' ',
      // Both in the widget's one button style: its bare buttons have no colours of their own.
      h('button', { type: 'button', class: 'primary', onclick: () => notice.remove() }, strings.dismiss),
      ' ',
      status,
    ),
  );
  errorNotice?.remove();
  errorNotice = notice;
  document.body.prepend(notice);
}

addEventListener('hashchange', start);
start();
