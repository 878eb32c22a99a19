// The lead's preview of the partner's widget (pulse.html#<invite>), from the same source
// as the standalone file.
import '../../widget/main';
