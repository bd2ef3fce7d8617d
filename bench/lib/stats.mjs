// Medians over runs and the printed table.

export const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Per-run rows [{target, ...metrics}] → one row per target with the median of each metric. */
export function medians(runs) {
  const byTarget = new Map();
  for (const rows of runs) for (const row of rows) (byTarget.get(row.target) ?? byTarget.set(row.target, []).get(row.target)).push(row);
  return [...byTarget].map(([target, rows]) => {
    const out = { target, runs: rows.length };
    for (const key of Object.keys(rows[0])) if (key !== 'target' && typeof rows[0][key] === 'number') out[key] = median(rows.map((r) => r[key]));
    for (const key of Object.keys(rows[0])) if (key !== 'target' && typeof rows[0][key] !== 'number' && !(key in out)) out[key] = rows[0][key];
    return out;
  });
}

const fmt = (v, digits = 0) => (v === undefined ? '' : typeof v === 'number' ? v.toFixed(digits) : String(v));

/** A plain-text table of the given columns: [{key, label, digits}]. */
export function table(rows, columns) {
  const cells = [columns.map((c) => c.label), ...rows.map((r) => columns.map((c) => (c.format ? c.format(r[c.key], r) : fmt(r[c.key], c.digits))))];
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  return cells.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')).join('\n');
}

export const pct = (v) => (v === undefined ? '' : `${(v * 100).toFixed(0)}%`);
