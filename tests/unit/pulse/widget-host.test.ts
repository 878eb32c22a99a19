import { describe, expect, it } from 'vitest';
import { widgetBaseUrl } from '../../../utils/settings/settings';

describe('widgetBaseUrl', () => {
  it('takes https hosts, and http only on this machine', () => {
    expect(widgetBaseUrl('https://intranet.example.org/pulse.html#x')).toBe('https://intranet.example.org/pulse.html');
    expect(widgetBaseUrl('http://localhost:8080/pulse.html')).toBe('http://localhost:8080/pulse.html');
    expect(widgetBaseUrl('http://127.0.0.1/pulse.html')).toBe('http://127.0.0.1/pulse.html');
    expect(widgetBaseUrl('file:///home/lead/pulse.html')).toBe('file:///home/lead/pulse.html');
  });

  it('refuses plain http on the network, and other schemes', () => {
    expect(widgetBaseUrl('http://intranet.example.org/pulse.html')).toBeNull();
    expect(widgetBaseUrl('http://localhost.evil.example/pulse.html')).toBeNull();
    expect(widgetBaseUrl('javascript:alert(1)')).toBeNull();
    expect(widgetBaseUrl('data:text/html,hi')).toBeNull();
  });
});
