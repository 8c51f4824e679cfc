import { create } from 'zustand';
import type { CatalogEntry } from '../catalog/record.ts';
import type { CatalogInfo, EngineStatus, Stage, StageStatus } from '../../workers/engine.ts';
import { readList, saveMark, type ListMark } from './myList.ts';
import { parseRoute, routeUrl, type Route } from './routes.ts';

export type Mark = 'liked' | 'seen';

/** The UI's one store: where we are (mirrored from the URL), the engine's stages, my list. */
interface AppState {
  route: Route;
  engine: EngineStatus;
  list: Map<number, ListMark>;
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
  toggleMark(entry: Pick<CatalogEntry, 'id' | 'title' | 'year'>, mark: Mark): Promise<void>;
}

const currentRoute = () => parseRoute(location.pathname, location.search);

export const useApp = create<AppState>((set, get) => ({
  route: currentRoute(),
  engine: { catalog: { state: 'waiting' }, index: { state: 'waiting' }, model: { state: 'waiting' } },
  list: new Map(),
  online: typeof navigator === 'undefined' || navigator.onLine,
  navigate(route, opts = {}) {
    const url = routeUrl(route);
    if (url !== location.pathname + location.search) history[opts.replace ? 'replaceState' : 'pushState'](null, '', url);
    set({ route });
    if (!opts.replace) window.scrollTo(0, 0);
  },
  setStage: (stage, status) => set((s) => ({ engine: { ...s.engine, [stage]: status } })),
  async loadList() {
    try {
      set({ list: new Map((await readList()).map((m) => [m.id, m])), listError: undefined });
    } catch (err) {
      set({ listError: `My list is not available: ${(err as Error).message}` });
    }
  },
  async toggleMark(entry, mark) {
    const before = get().list.get(entry.id) ?? { id: entry.id, title: entry.title, year: entry.year, liked: false, seen: false, at: 0 };
    const after: ListMark = { ...before, [mark]: !before[mark], at: Date.now() };
    const list = new Map(get().list);
    if (after.liked || after.seen) list.set(entry.id, after);
    else list.delete(entry.id);
    set({ list });
    try {
      await saveMark(after);
    } catch (err) {
      set({ listError: `Could not save to my list: ${(err as Error).message}` });
    }
  },
}));

/** Back and forward: the URL changed under us, so the route follows it. */
export function followHistory(): () => void {
  const onPop = () => useApp.setState({ route: currentRoute() });
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}
