import { render } from 'preact';
import { t } from '../../utils/i18n/messages';

render(<h1>{t('extensionName')}</h1>, document.getElementById('app')!);
