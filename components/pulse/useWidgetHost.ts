import { useEffect, useState } from 'preact/hooks';
import { widgetBaseUrl, widgetHost } from '../../utils/settings/settings';

/** The hosted pulse.html address (null: none set; undefined: not read yet), kept current. */
export function useWidgetHost(): string | null | undefined {
  const [host, setHost] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    void widgetHost.getValue().then((value) => setHost(widgetBaseUrl(value)));
    return widgetHost.watch((value) => setHost(widgetBaseUrl(value ?? '')));
  }, []);
  return host;
}
