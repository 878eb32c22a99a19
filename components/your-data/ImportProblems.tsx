import { describeProblem, type Problem } from '../../utils/your-data/bundle/problems';
import { t } from '../../utils/i18n/messages';

/** Why a file was not imported: every problem found, each saying what and where. */
export function ImportProblems(props: { fileName: string; problems: Problem[]; onDismiss: () => void }) {
  return (
    <div class="import-problems" role="alert">
      <p>{t('dataRejected', props.fileName)}</p>
      <ul class="problems">
        {props.problems.map((problem, index) => (
          <li key={index}>{describeProblem(problem)}</li>
        ))}
      </ul>
      <button type="button" onClick={props.onDismiss}>
        {t('dataCancel')}
      </button>
    </div>
  );
}
