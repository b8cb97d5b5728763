// A line chart on a canvas: one series of {t (ms), v} points, with its range and time span labelled.

export function drawLine(canvas, points, { label, color = '#2563eb' } = {}) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 600;
  const height = canvas.clientHeight || 160;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  g.font = '12px system-ui, sans-serif';
  g.fillStyle = '#555';
  const usable = points.filter((p) => typeof p.v === 'number' && Number.isFinite(p.v));
  canvas.dataset.points = String(usable.length);
  if (usable.length < 2) {
    g.fillText(`${label}: not enough points yet`, 8, 18);
    return;
  }
  const left = 70;
  const top = 22;
  const plotWidth = width - left - 10;
  const plotHeight = height - top - 22;
  const t0 = usable[0].t;
  const t1 = usable[usable.length - 1].t;
  let lo = Math.min(...usable.map((p) => p.v));
  let hi = Math.max(...usable.map((p) => p.v));
  if (hi === lo) { hi += 1; lo -= 1; }
  const x = (t) => left + ((t - t0) / Math.max(1, t1 - t0)) * plotWidth;
  const y = (v) => top + (1 - (v - lo) / (hi - lo)) * plotHeight;
  g.fillText(label, left, 14);
  g.fillText(hi.toFixed(2), 4, top + 4);
  g.fillText(lo.toFixed(2), 4, top + plotHeight);
  g.fillText(new Date(t0).toISOString().slice(11, 19), left, height - 6);
  const end = new Date(t1).toISOString().slice(11, 19);
  g.fillText(end, width - 10 - g.measureText(end).width, height - 6);
  g.strokeStyle = '#ddd';
  g.strokeRect(left, top, plotWidth, plotHeight);
  g.strokeStyle = color;
  g.lineWidth = 1.5;
  g.beginPath();
  usable.forEach((p, i) => (i === 0 ? g.moveTo(x(p.t), y(p.v)) : g.lineTo(x(p.t), y(p.v))));
  g.stroke();
}
