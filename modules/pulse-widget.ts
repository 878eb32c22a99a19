// Every `wxt build` (npm run build, npm test, the bench) also builds the partner's widget:
// .output/widget/pulse.html to host or send, and the same file inside the extension as
// widget/pulse.html, which the panel reads (browser.runtime.getURL) to save a copy with a
// pulse written into it (utils/pulse/embed.ts). The extension's own preview page is
// entrypoints/pulse/, from the same source.
import { defineWxtModule } from 'wxt/modules';
import { buildWidget } from '../widget/build';

export default defineWxtModule({
  name: 'pulse-widget',
  setup(wxt) {
    wxt.hook('build:publicAssets', async (_, files) => {
      files.push({ relativeDest: 'widget/pulse.html', contents: await buildWidget() });
    });
  },
});
