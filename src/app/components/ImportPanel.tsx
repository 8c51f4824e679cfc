import { useMemo, useState, type DragEvent } from 'react';
import type { NamedBytes } from '../../history/readHistoryFiles.ts';
import { planImport, type ImportPlan } from '../importPlan.ts';
import { listAsJson, listAsLetterboxdCsv } from '../listExport.ts';
import { useApp, type PendingImport } from '../store.ts';
import { Notice } from './Notice.tsx';

/** What the file picker offers: the readers themselves (and the ZIP inflater) load only when a file is picked. */
const ACCEPTED_FILES = '.csv,.zip,.json,text/csv,application/zip,application/json';
const BUTTON = 'rounded-full border border-neutral-300 px-3 py-1 text-sm dark:border-neutral-600';
const PRIMARY = 'rounded-full bg-amber-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-amber-800 disabled:opacity-50 dark:bg-amber-600';
/** Ambiguous titles shown for a choice at once; the rest wait for the next import. */
const MAX_CHOICES = 50;

/** Import from Letterboxd, IMDb or Trakt (read here, never uploaded), and export my list. */
export function ImportPanel() {
  const catalogReady = useApp((s) => s.engine.catalog.state === 'ready');
  const pending = useApp((s) => s.pendingImport);
  const outcome = useApp((s) => s.importOutcome);
  const importFiles = useApp((s) => s.importFiles);
  const [reading, setReading] = useState(false);
  const [dragging, setDragging] = useState(false);

  const take = async (files: FileList | null) => {
    if (!files?.length) return;
    setReading(true);
    const named: NamedBytes[] = await Promise.all([...files].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    await importFiles(named);
    setReading(false);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (catalogReady) void take(e.dataTransfer.files);
  };

  return (
    <section aria-labelledby="import-export" className="space-y-3">
      <h2 id="import-export" className="text-xl font-semibold">Import and export</h2>
      <div
        onDragOver={(e) => (e.preventDefault(), setDragging(true))}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="import-drop"
        className={`rounded-lg border-2 border-dashed p-4 ${dragging ? 'border-amber-600 bg-amber-50 dark:bg-amber-950' : 'border-neutral-300 dark:border-neutral-700'}`}
      >
        <p className="text-sm">
          Bring what you watched and rated: a Letterboxd export (the ZIP, or its CSVs), an IMDb ratings or list CSV, a Trakt JSON export, or a list exported from Marquee. The files are read in this
          browser; nothing is uploaded.
        </p>
        <label className="mt-2 inline-block">
          <span className="mr-2 text-sm font-medium">Import files</span>
          <input type="file" multiple accept={ACCEPTED_FILES} disabled={!catalogReady || reading} onChange={(e) => void take(e.target.files).then(() => (e.target.value = ''))} className="text-sm" />
        </label>
        {!catalogReady && <p className="text-sm text-neutral-600 dark:text-neutral-400">Importing is possible once the catalog has loaded.</p>}
        {reading && <p role="status">Reading…</p>}
      </div>
      {outcome && (
        <Notice tone={outcome.tone === 'error' ? 'error' : 'info'} title={outcome.tone === 'error' ? 'Import failed' : 'Import done'}>
          {outcome.message}
        </Notice>
      )}
      {pending && <ImportSummary pending={pending} />}
      <ExportButtons />
    </section>
  );
}

function ImportSummary({ pending }: { pending: PendingImport }) {
  const list = useApp((s) => s.list);
  const editImport = useApp((s) => s.editImport);
  const confirmImport = useApp((s) => s.confirmImport);
  const cancelImport = useApp((s) => s.cancelImport);
  const plan: ImportPlan = useMemo(() => planImport(pending.files, pending.matches, list, pending.options, pending.chosen), [pending, list]);
  const added = plan.changes.filter((c) => !c.was).length;
  const read = pending.files.reduce((n, f) => n + f.items.length, 0);
  const likeFrom = pending.options.likeFrom;

  return (
    <section aria-labelledby="import-summary" data-testid="import-summary" className="space-y-3 rounded-lg border border-neutral-300 p-4 dark:border-neutral-700">
      <h3 id="import-summary" className="text-lg font-semibold">Before anything changes</h3>
      <p className="text-sm">{pending.files.map((f) => f.describe).join('; ')}: {read} {read === 1 ? 'title' : 'titles'} read.</p>
      <ul className="list-disc pl-5 text-sm" data-testid="import-counts">
        <li>{added} new to my list, {plan.changes.length - added} changed, {plan.unchanged} already there as the file has them</li>
        {plan.choices.length > 0 && <li>{plan.choices.length} with several titles of the same name in this catalog: choose below</li>}
        {plan.missing.length > 0 && <li>{plan.missing.length} not in this catalog</li>}
        {plan.watchlist.length > 0 && <li>{plan.watchlist.length} only on a watchlist, neither seen nor rated: left out</li>}
        {plan.skipped.length > 0 && <li>{plan.skipped.length} {plan.skipped.length === 1 ? 'row' : 'rows'} could not be read</li>}
      </ul>
      <label className="block text-sm">
        Count as liked: rated{' '}
        <select value={likeFrom} onChange={(e) => editImport({ options: { ...pending.options, likeFrom: Number(e.target.value) } })} className="rounded border border-neutral-300 bg-transparent px-1 dark:border-neutral-600">
          {[6, 7, 8, 9, 10].map((n) => (
            <option key={n} value={n}>
              {n}/10 ({n / 2} stars)
            </option>
          ))}
        </select>{' '}
        or more
      </label>
      {plan.choices.length > 0 && (
        <fieldset className="space-y-2">
          <legend className="font-medium">Which title is it?</legend>
          {plan.choices.slice(0, MAX_CHOICES).map(({ item, candidates }) => (
            <label key={item.where} className="block text-sm">
              <bdi>{item.title}</bdi> {item.year !== null && `(${item.year})`}{' '}
              <select
                value={pending.chosen.get(item.where)?.key ?? ''}
                onChange={(e) => editImport({ choose: item.where, title: candidates.find((c) => c.key === e.target.value) ?? null })}
                className="rounded border border-neutral-300 bg-transparent px-1 dark:border-neutral-600"
              >
                <option value="">none of these</option>
                {candidates.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.title} ({c.year ?? 'year unknown'}, {c.type === 'show' ? 'show' : 'movie'})
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      )}
      {(plan.missing.length > 0 || plan.skipped.length > 0) && (
        <details className="text-sm">
          <summary>What is left out, and why</summary>
          <ul className="mt-1 list-disc pl-5">
            {plan.missing.slice(0, 100).map((m) => (
              <li key={m.where}>
                <bdi>{m.title}</bdi> {m.year !== null && `(${m.year})`}: not in this catalog
              </li>
            ))}
            {plan.skipped.slice(0, 100).map((s) => (
              <li key={s.where}>
                {s.where}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="flex gap-2">
        <button type="button" className={PRIMARY} disabled={plan.changes.length === 0} onClick={() => void confirmImport()}>
          {plan.changes.length ? `Add ${plan.changes.length} to my list` : 'Nothing to add'}
        </button>
        <button type="button" className={BUTTON} onClick={cancelImport}>
          Cancel
        </button>
      </div>
    </section>
  );
}

function ExportButtons() {
  const list = useApp((s) => s.list);
  const marks = [...list.values()];
  const download = (name: string, type: string, text: string) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = Object.assign(document.createElement('a'), { href: url, download: name });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <div className="flex flex-wrap gap-2">
      <button type="button" className={BUTTON} disabled={!marks.length} onClick={() => download('marquee-list.csv', 'text/csv', listAsLetterboxdCsv(marks))}>
        Export CSV (Letterboxd import format)
      </button>
      <button type="button" className={BUTTON} disabled={!marks.length} onClick={() => download('marquee-list.json', 'application/json', listAsJson(marks))}>
        Export JSON
      </button>
    </div>
  );
}
