import { create } from 'zustand';
import { identityOf, type TitleIdentity } from '../catalog/matchTitle.ts';
import { errorMessage } from '../engine/errorMessage.ts';
import { getEngine } from './engineClient.ts';
import type { CatalogInfo, EngineStatus, Stage, StageStatus } from '../engine/engine.ts';
import type { HistoryFile } from '../history/historyItem.ts';
import type { HistoryMatch } from '../history/matchHistory.ts';
import type { NamedBytes } from '../history/readHistoryFiles.ts';
import { DEFAULT_IMPORT_OPTIONS, planImport, type ImportOptions } from './importPlan.ts';
import { readList, saveMark, saveMarks, type ListMark } from './myList.ts';
import { parseRoute, routeUrl, type Route } from './routes.ts';

export type Mark = 'liked' | 'seen';

/** Export files read and found in the catalog, shown as a plan until the person confirms it (src/app/importPlan.ts). */
export interface PendingImport {
  files: HistoryFile[];
  matches: HistoryMatch[][];
  /** The person's pick among same-titled candidates, by the item's `where`; null for "none of these". */
  chosen: Map<string, TitleIdentity | null>;
  options: ImportOptions;
}

/** The UI's one store: where we are (mirrored from the URL), the engine's stages, my list. */
interface AppState {
  route: Route;
  engine: EngineStatus;
  /** By stable title key. */
  list: Map<string, ListMark>;
  /** Keys of marked titles this catalog does not have (they stay in the list, and come back with a catalog that has them). */
  missing: Set<string>;
  /** Why my list could not be read or saved, if it could not. */
  listError?: string;
  online: boolean;
  /** Set when a new app version is installed and waiting: calling it reloads into it. */
  applyAppUpdate?: () => void;
  /** A newer catalog than the one loaded, found on the site. */
  newerCatalog?: CatalogInfo;
  /** Set while the browser offers to install the app. */
  install?: () => Promise<void>;
  /** What this site keeps in the browser, and whether the browser promised to keep it. */
  storage?: { usage: number; quota: number; persisted: boolean };
  navigate(route: Route, opts?: { replace?: boolean }): void;
  setStage(stage: Stage, status: StageStatus): void;
  loadList(): Promise<void>;
  /** Finds the list's titles in the loaded catalog: keys that changed are moved, titles it lacks are set apart. */
  matchList(): Promise<void>;
  toggleMark(entry: TitleIdentity, mark: Mark): Promise<void>;
  pendingImport?: PendingImport;
  /** The outcome of the last import: what it changed, or why nothing was. */
  importOutcome?: { tone: 'error' | 'done'; message: string };
  /** Reads export files (Letterboxd, IMDb, Trakt, Marquee) and finds their titles in the catalog; nothing changes yet. */
  importFiles(files: NamedBytes[]): Promise<void>;
  editImport(edit: { options: ImportOptions } | { choose: string; title: TitleIdentity | null }): void;
  /** Writes the pending import's changes to my list. */
  confirmImport(): Promise<void>;
  cancelImport(): void;
}

const currentRoute = () => parseRoute(location.pathname, location.search, location.hash);

export const useApp = create<AppState>((set, get) => ({
  route: currentRoute(),
  engine: { catalog: { state: 'waiting' }, index: { state: 'waiting' }, model: { state: 'waiting' } },
  list: new Map(),
  missing: new Set(),
  online: typeof navigator === 'undefined' || navigator.onLine,
  navigate(route, opts = {}) {
    const url = routeUrl(route);
    if (url !== location.pathname + location.search + location.hash) history[opts.replace ? 'replaceState' : 'pushState'](null, '', url);
    set({ route });
    if (!opts.replace) window.scrollTo(0, 0);
  },
  setStage(stage, status) {
    set((s) => ({ engine: { ...s.engine, [stage]: status } }));
    if (stage === 'catalog' && status.state === 'ready') void get().matchList();
  },
  async loadList() {
    try {
      const { marks, unreadable } = await readList();
      set((s) => ({
        // A mark made while the list was being read is newer than its stored copy.
        list: new Map([...marks.map((m): [string, ListMark] => [m.key, m]), ...s.list]),
        listError: unreadable ? `${unreadable} ${unreadable === 1 ? 'entry' : 'entries'} of my list could not be read (damaged, or from another app) and ${unreadable === 1 ? 'is' : 'are'} left out.` : undefined,
      }));
    } catch (err) {
      set({ listError: `My list is not available: ${errorMessage(err)}` });
    }
    if (get().engine.catalog.state === 'ready') await get().matchList();
  },
  matchList() {
    // One at a time: a second round must see the keys the first one moved.
    return (matching = matching.then(() => matchListNow(get, set)));
  },
  async importFiles(named) {
    set({ importOutcome: undefined, pendingImport: undefined });
    try {
      // The readers (and the ZIP inflater) load only when someone imports.
      const { readHistoryFiles } = await import('../history/readHistoryFiles.ts');
      const files = readHistoryFiles(named);
      if (!files.some((f) => f.items.length)) {
        const skipped = files.flatMap((f) => f.skipped);
        throw new Error(`${named.map((f) => f.name).join(', ')}: no title could be read${skipped.length ? ` (${skipped[0]!.where}: ${skipped[0]!.reason}${skipped.length > 1 ? `, and ${skipped.length - 1} more` : ''})` : ''}`);
      }
      const matches = await Promise.all(files.map((f) => getEngine().matchHistory(f.items)));
      set({ pendingImport: { files, matches, chosen: new Map(), options: DEFAULT_IMPORT_OPTIONS } });
    } catch (err) {
      set({ importOutcome: { tone: 'error', message: `Nothing was imported. ${errorMessage(err)}` } });
    }
  },
  editImport(edit) {
    const pending = get().pendingImport;
    if (!pending) return;
    if ('options' in edit) return set({ pendingImport: { ...pending, options: edit.options } });
    set({ pendingImport: { ...pending, chosen: new Map(pending.chosen).set(edit.choose, edit.title) } });
  },
  async confirmImport() {
    const pending = get().pendingImport;
    if (!pending) return;
    const { changes } = planImport(pending.files, pending.matches, get().list, pending.options, pending.chosen);
    const list = new Map(get().list);
    for (const { mark } of changes) list.set(mark.key, mark);
    set({ list, pendingImport: undefined });
    try {
      await saveMarks(changes.map((c) => c.mark));
      set({ importOutcome: { tone: 'done', message: `Imported: ${changes.length} ${changes.length === 1 ? 'title' : 'titles'} added or updated in my list.` } });
    } catch (err) {
      set({ listError: `Could not save to my list: ${errorMessage(err)}` });
    }
  },
  cancelImport: () => set({ pendingImport: undefined, importOutcome: undefined }),
  async toggleMark(entry, mark) {
    const identity = identityOf(entry);
    const before = get().list.get(identity.key) ?? { ...identity, liked: false, seen: false, at: 0 };
    const after: ListMark = { ...before, [mark]: !before[mark], at: Date.now() };
    const list = new Map(get().list);
    if (after.liked || after.seen) list.set(after.key, after);
    else list.delete(after.key);
    set({ list });
    try {
      await saveMark(after);
    } catch (err) {
      set({ listError: `Could not save to my list: ${errorMessage(err)}` });
    }
  },
}));

let matching = Promise.resolve();

/**
 * Finds the list's titles in the loaded catalog. Marks whose title now has another key are
 * moved to it (merged with a mark already there); marks of titles the catalog lacks are set
 * apart. A mark the person changed while the catalog was asked is left for the next round.
 */
async function matchListNow(get: () => AppState, set: (partial: Partial<AppState>) => void): Promise<void> {
  const marks = [...get().list.values()];
  if (!marks.length) return;
  let found: (TitleIdentity | null)[];
  try {
    found = await getEngine().matchTitles(marks.map(identityOf));
  } catch {
    return; // The catalog is not there: the list shows what it kept.
  }
  const list = new Map(get().list);
  const missing = new Set<string>();
  const moves: [ListMark, string][] = [];
  marks.forEach((mark, i) => {
    const now = found[i];
    if (list.get(mark.key) !== mark) return;
    if (!now) return void missing.add(mark.key);
    if (now.key === mark.key && now.type === mark.type && now.ids.trakt === mark.ids.trakt && now.ids.tmdb === mark.ids.tmdb && now.ids.imdb === mark.ids.imdb) return;
    const there = now.key === mark.key ? undefined : list.get(now.key);
    const moved: ListMark = { ...mark, ...now, liked: mark.liked || Boolean(there?.liked), seen: mark.seen || Boolean(there?.seen), at: Math.max(mark.at, there?.at ?? 0) };
    list.delete(mark.key);
    list.set(moved.key, moved);
    moves.push([moved, mark.key]);
  });
  set({ list, missing });
  try {
    for (const [moved, from] of moves) await saveMark(moved, from);
  } catch (err) {
    set({ listError: `Could not save to my list: ${errorMessage(err)}` });
  }
}

/** Back and forward: the URL changed under us, so the route follows it. */
export function followHistory(): () => void {
  const onPop = () => useApp.setState({ route: currentRoute() });
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}
