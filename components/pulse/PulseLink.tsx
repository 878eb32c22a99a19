import { useModel } from '@preact/signals';
import { useState } from 'preact/hooks';
import { browser } from '#imports';
import type { Pulse } from '../../utils/db/records';
import { encodeInvite, inviteUrl, type PulseInvite } from '../../utils/pulse/invite';
import { widgetWithInvite } from '../../utils/pulse/embed';
import { WidgetHostModel } from '../../utils/settings/model';
import { widgetFileName } from '../../utils/pulse/pulse-invite';
import { t, type MessageKey } from '../../utils/i18n/messages';
import { CheckCode } from './CheckCode';

/** The extension's copy of the self-contained widget (built by modules/pulse-widget.ts). */
const WIDGET_PATH = '/widget/pulse.html';

/**
 * How the partners get the pulse: a link to the hosted widget (with a copy button), or, with no
 * host set, a copy of the widget file with the pulse written into it.
 */
export function PulseLink(props: { pulse: Pulse; invite: PulseInvite; partnershipName: string }) {
  const { pulse, invite, partnershipName } = props;
  const host = useModel(WidgetHostModel).host.value;
  const [status, setStatus] = useState<MessageKey | null>(null);
  const link = host ? inviteUrl(host, invite) : null;

  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setStatus('linkCopied');
    } catch {
      setStatus('copyFailed');
    }
  };

  const saveFile = async () => {
    const html = await (await fetch(browser.runtime.getURL(WIDGET_PATH as '/'))).text();
    const blob = new Blob([widgetWithInvite(html, invite)], { type: 'text/html' });
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = widgetFileName(partnershipName, pulse.createdAt);
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const preview = () =>
    void browser.tabs.create({ url: `${browser.runtime.getURL('/pulse.html')}#${encodeInvite(invite)}` });

  if (host === undefined) return null;
  return (
    <div class="pulse-link">
      {link ? (
        <>
          <div class="field">
            <label for={`pulse-link-${pulse.id}`}>{t('pulseLinkLabel')}</label>
            <input
              id={`pulse-link-${pulse.id}`}
              type="text"
              readOnly
              value={link}
              aria-describedby={`pulse-link-${pulse.id}-hint`}
              onFocus={(event) => event.currentTarget.select()}
            />
            <p class="hint" id={`pulse-link-${pulse.id}-hint`}>
              {t('pulseLinkHint')}
            </p>
          </div>
          <button type="button" onClick={() => void copy()}>
            {t('copyLink')}
          </button>
        </>
      ) : (
        <>
          <p class="hint">{t('pulseNoHost')}</p>
          <button type="button" onClick={() => void saveFile()}>
            {t('savePulseFile')}
          </button>
        </>
      )}{' '}
      <button type="button" class="link" onClick={preview}>
        {t('previewPulse')}
      </button>
      <CheckCode publicKey={invite.publicKey} />
      {status && (
        <p class="status" role="status">
          {t(status)}
        </p>
      )}
    </div>
  );
}
