// A time line chart of one series of {t (ms), v} points, drawn by uPlot (vendored, see vendor/uplot/README.md).
// Created once per chart and given new points on each refresh, so the cursor and legend survive a poll.
import uPlot from './vendor/uplot/uPlot.esm.js';
import { el, fill } from './dom.js';

const HEIGHT = 180;

/** A chart in `container`; `update(points)` redraws it with those points. */
export function lineChart(container, { label, color = '#2563eb' }) {
  let plot = null;
  // Width follows the page; uPlot needs it in pixels, so a resize of the container resizes the plot.
  const resizes = new ResizeObserver(() => {
    if (!container.isConnected) return resizes.disconnect();
    if (plot && plot.width !== width()) plot.setSize({ width: width(), height: HEIGHT });
  });
  resizes.observe(container);

  function width() {
    return Math.max(200, container.clientWidth || 600);
  }

  function options() {
    return {
      width: width(),
      height: HEIGHT,
      // The console shows every time in UTC (dom.js time()), so the axis does too.
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      scales: { x: { time: true } },
      series: [
        { label: 'Time (UTC)' },
        { label, stroke: color, width: 1.5, value: (u, v) => (v === null || v === undefined ? '—' : v.toFixed(2)) },
      ],
      axes: [{}, { size: 80 }],
    };
  }

  return {
    update(points) {
      const usable = points.filter((p) => typeof p.v === 'number' && Number.isFinite(p.v));
      container.dataset.points = String(usable.length);
      if (usable.length < 2) {
        plot?.destroy();
        plot = null;
        fill(container, el('p', { class: 'note' }, `${label}: not enough points yet`));
        return;
      }
      const data = [usable.map((p) => p.t / 1000), usable.map((p) => p.v)];
      if (plot) {
        plot.setData(data);
      } else {
        fill(container);
        plot = new uPlot(options(), data, container);
      }
    },
  };
}
