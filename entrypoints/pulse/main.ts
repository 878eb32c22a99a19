// The lead's preview of the partner's widget (pulse.html#<invite>), from the same source
// as the standalone file. The widget shows its own errors; here, in the extension, they are
// also kept in the local error log. The widget loads after the log listens, to miss none.
import { logPageErrors } from '../../utils/errors/page-log';

logPageErrors('pulse');
void import('../../widget/main');
