/**
 * A small hand-written SVG line chart (no chart library): search latency percentiles against
 * corpus size on a log axis, one line per request path and percentile.
 */
export interface ChartPoint {
  corpusSize: number;
  /** Latencies in ms by series name, e.g. "handler p50". */
  values: Record<string, number>;
}

const palette = ['#1f6feb', '#1f6feb', '#d1242f', '#d1242f', '#2da44e', '#2da44e'];

export function latencyChart(points: readonly ChartPoint[], title: string): string {
  const width = 720;
  const height = 420;
  const pad = { left: 64, right: 190, top: 48, bottom: 56 };
  const series = [...new Set(points.flatMap((p) => Object.keys(p.values)))];
  const sizes = points.map((p) => p.corpusSize);
  const maxY = Math.max(1, ...points.flatMap((p) => Object.values(p.values)));
  const niceMax = niceCeil(maxY);
  const [minX, maxX] = [Math.log10(Math.min(...sizes)), Math.log10(Math.max(...sizes))];
  const x = (size: number) =>
    pad.left +
    ((Math.log10(size) - minX) / Math.max(1e-9, maxX - minX)) * (width - pad.left - pad.right);
  const y = (ms: number) => height - pad.bottom - (ms / niceMax) * (height - pad.top - pad.bottom);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img" aria-label="${esc(title)}">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${pad.left}" y="24" font-size="15" font-weight="bold">${esc(title)}</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const ms = (niceMax * i) / 5;
    parts.push(
      `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(ms)}" y2="${y(ms)}" stroke="#ddd"/>`,
      `<text x="${pad.left - 8}" y="${y(ms) + 4}" text-anchor="end">${round1(ms)}</text>`,
    );
  }
  for (const size of sizes) {
    parts.push(
      `<line x1="${x(size)}" x2="${x(size)}" y1="${pad.top}" y2="${height - pad.bottom}" stroke="#eee"/>`,
      `<text x="${x(size)}" y="${height - pad.bottom + 18}" text-anchor="middle">${size.toLocaleString('en')}</text>`,
    );
  }
  parts.push(
    `<text x="${(pad.left + width - pad.right) / 2}" y="${height - 14}" text-anchor="middle">articles in the index (log scale)</text>`,
    `<text transform="translate(16 ${(pad.top + height - pad.bottom) / 2}) rotate(-90)" text-anchor="middle">ms per request</text>`,
  );
  series.forEach((name, i) => {
    const color = palette[i % palette.length] ?? '#000';
    const dash = name.endsWith('p99') ? ' stroke-dasharray="6 4"' : '';
    const coords = points
      .filter((p) => p.values[name] !== undefined)
      .map((p) => `${x(p.corpusSize)},${y(p.values[name] as number)}`);
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${coords.join(' ')}"/>`,
      ...coords.map((c) => {
        const [cx, cy] = c.split(',');
        return `<circle cx="${cx}" cy="${cy}" r="3" fill="${color}"/>`;
      }),
      `<line x1="${width - pad.right + 16}" x2="${width - pad.right + 44}" y1="${pad.top + 8 + i * 20}" y2="${pad.top + 8 + i * 20}" stroke="${color}" stroke-width="2"${dash}/>`,
      `<text x="${width - pad.right + 50}" y="${pad.top + 12 + i * 20}">${esc(name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

const round1 = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function niceCeil(n: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(n));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= n) ?? 10;
  return step * magnitude;
}
