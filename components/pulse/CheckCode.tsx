import { CheckCodeModel, checkCodeKey } from '../../utils/pulse/check-code-model';
import { t } from '../../utils/i18n/messages';
import { useModelFor } from '../shared/hooks/useModelFor';

/**
 * The pulse key's short fingerprint ("check code: 4F-9K-2Q"), as the widget shows it: the lead
 * reads it out in the call, so a partner can see a swapped link. Shown under the shared link and
 * under the personal links alike.
 */
export function CheckCode(props: { publicKey: JsonWebKey | undefined }) {
  const { publicKey } = props;
  const fingerprint = useModelFor(() => new CheckCodeModel(publicKey), checkCodeKey(publicKey)).code.value;
  return fingerprint ? (
    <p class="hint" data-check-code={fingerprint}>
      {t('pulseCheckCode', fingerprint)}
    </p>
  ) : null;
}
