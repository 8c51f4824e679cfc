/** A one-line progress bar on stderr: count, percent, rate and ETA. */
export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
  const start = performance.now();
  let lastDraw = 0;
  let lastLine = 0;
  const draw = (done: number, final: boolean) => {
    const now = performance.now();
    if (!final && now - lastDraw < 250) return;
    lastDraw = now;
    const seconds = (now - start) / 1000;
    const rate = done / Math.max(seconds, 1e-9);
    const eta = rate > 0 ? (total - done) / rate : Infinity;
    const pct = total ? Math.floor((100 * done) / total) : 100;
    const width = 24;
    const filled = Math.round((width * pct) / 100);
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${pct}% ${rate.toFixed(1)}/s ETA ${formatDuration(eta)}`;
    if (stream.isTTY) stream.write(`\r${line}\x1b[K${final ? '\n' : ''}`);
    // Logs and CI get a line every 10 s instead of a redrawn bar.
    else if (final || now - lastLine >= 10_000) {
      lastLine = now;
      stream.write(`${line}\n`);
    }
  };
  return {
    update: (done: number) => draw(done, false),
    done: (done: number) => draw(done, true),
  };
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
