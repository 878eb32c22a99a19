import { Component, render, type ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../utils/i18n/messages';
import { startPageErrors, type PageErrors } from '../../utils/errors/page';
import { reportText, type ErrorReport as Report } from '../../utils/errors/report';
import './ErrorReport.css';

/** The latest unexpected error on this page, with its scrubbed details to copy. */
export function ErrorReport({ errors }: { errors: PageErrors }) {
  const report = errors.current.value;
  // Keyed by time, so a new error starts without the last one's "copied".
  return report ? <ErrorNotice key={report.at} report={report} onDismiss={errors.dismiss} /> : null;
}

function ErrorNotice({ report, onDismiss }: { report: Report; onDismiss: () => void }) {
  const [status, setStatus] = useState('');
  const text = reportText(report);
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setStatus(t('errorReport_copied')),
      () => setStatus(t('errorReport_copyFailed')),
    );
  return (
    <div class="error-report" role="alert">
      <p>{t('errorReport_notice')}</p>
      <details>
        <summary>{t('errorReport_detailsLabel')}</summary>
        <pre>{text}</pre>
      </details>
      <div class="error-report-actions">
        <button type="button" onClick={copy}>
          {t('errorReport_copy')}
        </button>
        <button type="button" onClick={onDismiss}>
          {t('errorReport_dismiss')}
        </button>
        <span role="status">{status}</span>
      </div>
    </div>
  );
}

/** Catches what a page's components throw while rendering: reported, and the page left blank below the notice. */
export class ErrorBoundary extends Component<{ onError: (error: unknown) => void; children: ComponentChildren }> {
  override state = { failed: false };

  override componentDidCatch(error: unknown) {
    this.props.onError(error);
    this.setState({ failed: true });
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** Starts catching this page's errors and shows them above everything else on it. */
export function showErrorReports(page: string): PageErrors {
  const errors = startPageErrors(page);
  const host = document.createElement('div');
  document.body.prepend(host);
  render(<ErrorReport errors={errors} />, host);
  return errors;
}
