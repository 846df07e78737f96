/**
 * The workspace's three charts, on chart.js 4 — loaded with a dynamic import only when the charts
 * tab opens, so the dashboard's first load does not carry it. Tree-shaken: only the bar controller,
 * its element, two scales, the legend and the tooltip are registered (≈ 55 kB gzipped for this chunk instead
 * of all of it). Canvas text, so untrusted names cannot become markup here either.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type Plugin } from 'chart.js';
import { CJK_FONT_FAMILIES } from '../map/typography';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.font.family = CJK_FONT_FAMILIES.map((f) => (f.includes(' ') ? `"${f}"` : f)).join(', ');
Chart.defaults.font.size = 12;
Chart.defaults.color = '#33414d';
// Figures change as the timeline plays; animating every step would only blur them.
Chart.defaults.animation = false;

export interface Series {
  label: string;
  color: string;
  data: number[];
}

/** A vertical line at the timeline's month on the progress chart. */
function monthMarker(index: () => number): Plugin<'bar'> {
  return {
    id: 'rnMonthMarker',
    afterDatasetsDraw(chart) {
      const i = index();
      const x = chart.scales.x?.getPixelForValue(i);
      if (x === undefined || !Number.isFinite(x) || i < 0) return;
      const { top, bottom } = chart.chartArea;
      const ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = '#c62828';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.restore();
    },
  };
}

export interface ProgressChart {
  chart: Chart<'bar'>;
  update(labels: string[], series: Series[], marker: number): void;
}

/** Old compounds by status, month by month, stacked. */
export function progressChart(canvas: HTMLCanvasElement): ProgressChart {
  let marker = -1;
  const chart = new Chart<'bar'>(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 }, grid: { display: false } },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
      },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 10, boxHeight: 10 } } },
      datasets: { bar: { categoryPercentage: 1, barPercentage: 1 } },
    },
    plugins: [monthMarker(() => marker)],
  });
  return {
    chart,
    update(labels, series, index) {
      marker = index;
      chart.data.labels = labels;
      chart.data.datasets = series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color, borderWidth: 0 }));
      chart.update();
    },
  };
}

export interface BarChart {
  chart: Chart<'bar'>;
  update(labels: string[], series: Series[]): void;
}

/** Grouped bars (funds planned vs received per batch year). */
export function groupedBarChart(canvas: HTMLCanvasElement, unit: string): BarChart {
  const chart = new Chart<'bar'>(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { grid: { display: false } }, y: { beginAtZero: true, title: { display: true, text: unit } } },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 10, boxHeight: 10 } } },
    },
  });
  return {
    chart,
    update(labels, series) {
      chart.data.labels = labels;
      chart.data.datasets = series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color }));
      chart.update();
    },
  };
}

export interface ItemChart {
  chart: Chart<'bar'>;
  update(labels: string[], values: number[], colors: string[], tooltips: string[]): void;
}

/** One horizontal bar per item, coloured by its class (the legend is drawn beside it in HTML). */
export function itemChart(canvas: HTMLCanvasElement, valueLabel: string): ItemChart {
  let notes: string[] = [];
  const chart = new Chart<'bar'>(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: valueLabel } }, y: { grid: { display: false }, ticks: { autoSkip: false } } },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { afterLabel: (item) => notes[item.dataIndex] ?? '' } },
      },
    },
  });
  return {
    chart,
    update(labels, values, colors, tooltips) {
      notes = tooltips;
      chart.data.labels = labels;
      chart.data.datasets = [{ label: valueLabel, data: values, backgroundColor: colors }];
      chart.update();
    },
  };
}
