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
  const fingerprint = h('p', { class: 'muted', id: 'check-code' });
  const partnerTypes = h(
    'fieldset',
    { 'aria-describedby': 'type-error' },
    h('legend', {}, strings.partnerTypeLegend),
    h(
      'div',
      { class: 'options stack' },
      ...PARTNER_TYPES.map((type) => {
        const [title, detail] = strings.partnerTypes[type];
        return option(FIELD.partnerType, type, h('b', {}, title), h('small', {}, detail));
      }),
    ),
    typeError,
  );

  const form = h(
    'form',
    { novalidate: true },
    // A personal link knows its seat (the lead's records give its partner type): the first tap is a rating.
    invite.seat ? h('p', { class: 'muted' }, strings.answeringFor(invite.seat.label)) : partnerTypes,
    ...invite.questions.map(questionField),
    h(
      'label',
      { class: 'field' },
      h('span', { class: 'label' }, strings.commentLabel),
      h('textarea', { name: FIELD.comment, rows: 3, maxlength: 500 }),
    ),
    submit,
    status,
  );

  form.addEventListener('submit', async (event) => {
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
    try {
      showCode(
        invite,
        await sealResponse(
          invite.publicKey,
          payload,
          invite.questions.map((q) => q.id),
        ),
      );
    } catch {
      status.textContent = strings.sealFailed;
      submit.disabled = false;
    }
  });

  root.replaceChildren(
    h(
      'main',
      { class: 'card' },
      h('p', { class: 'eyebrow' }, invite.partnershipName),
      h('h1', {}, strings.heading),
      h('p', {}, strings.intro),
      h('p', { class: 'muted' }, strings.openUntil(formatDate(invite.expiresAt))),
      h('p', { class: 'muted' }, strings.whoReads),
      fingerprint,
      form,
    ),
  );
  void checkCode(invite.publicKey).then((code) => {
    fingerprint.textContent = strings.checkCode(code);
    fingerprint.dataset.checkCode = code;
  });
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
    agree ? {} : { 'aria-describedby': hintId },
    h('legend', {}, question.wording),
    !agree &&
      h(
        'p',
        { class: 'muted', id: hintId },
        strings.zeroTenEnds(formatNumber(values[0]!), formatNumber(values[values.length - 1]!)),
      ),
    h(
      'div',
      { class: agree ? 'options agree' : 'options numbers' },
      ...values.map((value, i) =>
        option(name, String(value), h('b', {}, formatNumber(value)), agree && h('small', {}, strings.agree5[i]!)),
      ),
    ),
    h('div', { class: 'options' }, option(name, NOT_SAID, h('span', {}, strings.preferNotToSay))),
  );
}

function option(name: string, value: string, ...content: Array<Node | false>): HTMLLabelElement {
  return h('label', { class: 'option' }, h('input', { type: 'radio', name, value }), h('span', {}, ...content));
}

function showCode(invite: PulseInvite, code: string): void {
  const area = h('textarea', { id: 'code', class: 'code', readonly: true, rows: 6, spellcheck: 'false' });
  area.value = code;
  const status = h('p', { class: 'status', role: 'status' });
  const heading = h('h1', { tabindex: -1 }, strings.doneHeading);
  const copy = h('button', { type: 'button', class: 'primary' }, strings.copy);
  copy.addEventListener('click', () => copyCode(area, status));
  root.replaceChildren(
    h(
      'main',
      { class: 'card' },
      heading,
      h('p', {}, strings.whereToPaste(invite.partnershipName)),
      h('label', { for: 'code', class: 'label' }, strings.codeLabel),
      area,
      copy,
      status,
      h('p', { class: 'muted' }, strings.codePrivacy),
      code.length > LONG_CODE && h('p', { class: 'muted' }, strings.longCode),
    ),
  );
  // Tall enough to show the whole code, so nobody copies half of it by hand.
  area.style.height = `${area.scrollHeight + 2}px`;
  heading.focus();
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
