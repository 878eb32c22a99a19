import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartType,
  type Plugin,
} from 'chart.js';

/** Only the parts of chart.js the dashboard draws with (no 'chart.js/auto'): line, scatter and bar charts. */
Chart.register(
  LineController,
  ScatterController,
  BarController,
  LineElement,
  PointElement,
  BarElement,
  LinearScale,
  CategoryScale,
  Filler,
  Legend,
  Tooltip,
);

// The page's motion and colour preferences apply: charts appear at once (and redraw at once on a filter change).
Chart.defaults.animation = false;
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";

/** Paints the background, so a downloaded PNG is readable outside the page (and in dark mode). */
export function backgroundPlugin<K extends ChartType>(color: string): Plugin<K> & { background: string } {
  return {
    id: 'ppBackground',
    background: color,
    beforeDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}

export { Chart };
