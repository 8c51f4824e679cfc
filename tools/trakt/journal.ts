import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { TraktMovie, TraktShow } from './shapes.ts';

export type TraktType = 'movie' | 'show';
export type TraktObject = TraktMovie | TraktShow;

type Line =
  /** `items` when the page carried full objects; `ids` alone when it only listed titles (the updates feed). */
  | { job: string; page: number; pageCount: number; itemCount: number; type: TraktType; items?: TraktObject[]; ids?: number[]; skipped?: number }
  | { job: string; reset: true }
  /** A title's cast and crew, as `/movies/{id}/people` returns them. */
  | { job: string; type: TraktType; id: number; people: unknown }
  | { job: string; done: true };

/**
 * The ingest's checkpoint and store in one append-only JSON-lines file: one line per
 * fetched page (with its items), per finished listing, and per listing paged again. A page
 * is either wholly in the file or not at all (a line torn by a kill is cut off on open), so
 * a restarted ingest fetches exactly the pages that are missing. Items are kept by Trakt id:
 * the last copy wins, which makes fetching a page twice harmless.
 */
export class IngestJournal {
  private readonly items = new Map<string, { type: TraktType; item: TraktObject }>();
  private readonly pages = new Map<string, Map<number, { pageCount: number; itemCount: number; keys: string[]; skipped: number }>>();
  private readonly done = new Set<string>();
  private readonly people = new Map<string, unknown>();
  private fd: number | undefined;

  constructor(readonly file: string) {
    if (!existsSync(file)) return;
    const text = readFileSync(file, 'utf8');
    const complete = text.lastIndexOf('\n') + 1;
    if (complete < text.length) truncateSync(file, Buffer.byteLength(text.slice(0, complete)));
    for (const raw of text.slice(0, complete).split('\n')) if (raw) this.apply(JSON.parse(raw) as Line);
  }

  private apply(line: Line): void {
    if ('done' in line) this.done.add(line.job);
    else if ('reset' in line) this.pages.delete(line.job);
    else if ('people' in line) this.people.set(`${line.type}:${line.id}`, line.people);
    else {
      for (const item of line.items ?? []) this.items.set(`${line.type}:${item.ids.trakt}`, { type: line.type, item });
      const keys = (line.ids ?? line.items!.map((i) => i.ids.trakt)).map((id) => `${line.type}:${id}`);
      const pages = this.pages.get(line.job) ?? new Map();
      pages.set(line.page, { pageCount: line.pageCount, itemCount: line.itemCount, keys, skipped: line.skipped ?? 0 });
      this.pages.set(line.job, pages);
    }
  }

  private append(line: Line): void {
    if (this.fd === undefined) {
      mkdirSync(path.dirname(this.file), { recursive: true });
      this.fd = openSync(this.file, 'a');
    }
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
    fsyncSync(this.fd);
    this.apply(line);
  }

  /** `skipped`: items the page listed that could not be kept (no Trakt id); they still count towards the listing. */
  recordPage(job: string, type: TraktType, page: number, pageCount: number, itemCount: number, items: TraktObject[], keep = true, skipped = 0): void {
    const line = keep ? { job, page, pageCount, itemCount, type, items } : { job, page, pageCount, itemCount, type, ids: items.map((i) => i.ids.trakt) };
    this.append(skipped ? { ...line, skipped } : line);
  }
  recordPeople(type: TraktType, id: number, people: unknown): void {
    this.append({ job: `${type}s/${id}/people`, type, id, people });
  }
  hasPeople(type: TraktType, id: number): boolean {
    return this.people.has(`${type}:${id}`);
  }
  markDone(job: string): void {
    this.append({ job, done: true });
  }
  /** Forget a listing's pages (its items stay) so it is paged again from the start. */
  reset(job: string): void {
    this.append({ job, reset: true });
  }

  isDone(job: string): boolean {
    return this.done.has(job);
  }
  hasPage(job: string, page: number): boolean {
    return this.pages.get(job)?.has(page) ?? false;
  }
  /** Page count and item count of a listing as its latest page said; undefined before its first page. */
  listingSize(job: string): { pageCount: number; itemCount: number } | undefined {
    const pages = this.pages.get(job);
    if (!pages?.size) return undefined;
    const last = [...pages.values()].at(-1)!;
    return { pageCount: last.pageCount, itemCount: last.itemCount };
  }
  /** Distinct titles (`type:traktId`) the listing's current pass has returned. */
  seen(job: string): Set<string> {
    return new Set([...(this.pages.get(job)?.values() ?? [])].flatMap((p) => p.keys));
  }
  /** Items of the listing's current pass that had no Trakt id. */
  skipped(job: string): number {
    return [...(this.pages.get(job)?.values() ?? [])].reduce((sum, p) => sum + p.skipped, 0);
  }

  get size(): number {
    return this.items.size;
  }
  /** Every title with its people where fetched, in a stable order (type, then Trakt id). */
  all(): { type: TraktType; item: TraktObject; people?: unknown }[] {
    return [...this.items.values()]
      .sort((a, b) => a.type.localeCompare(b.type) || a.item.ids.trakt - b.item.ids.trakt)
      .map((t) => ({ ...t, people: this.people.get(`${t.type}:${t.item.ids.trakt}`) }));
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
