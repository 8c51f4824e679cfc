import { registerSW } from 'virtual:pwa-register';
import { getEngine } from './engineClient.ts';
import { useApp } from './store.ts';

const CATALOG_CHECK_MS = 30 * 60_000;

/**
 * Everything that makes the app installable and usable offline, wired once at start-up:
 * the service worker and its updates, newer catalogs, the online state, the install
 * prompt, and persistent storage.
 */
export function startOfflineSupport(): void {
  const updateSW = registerSW({
    onNeedRefresh: () =>
      useApp.setState({
        applyAppUpdate() {
          // registerSW reloads only for updates this page found itself; one the browser
          // found later (the usual case) takes over silently. Reload whenever it takes over.
          navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
          void updateSW(true);
        },
      }),
  });

  const setOnline = () => useApp.setState({ online: navigator.onLine });
  addEventListener('online', () => {
    setOnline();
    void checkCatalog();
  });
  addEventListener('offline', setOnline);

  addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    const prompt = event as Event & { prompt(): Promise<void> };
    useApp.setState({
      install: async () => {
        await prompt.prompt();
        useApp.setState({ install: undefined });
      },
    });
  });
  addEventListener('appinstalled', () => useApp.setState({ install: undefined }));

  // Once everything is kept, ask the browser not to evict it, and show what it takes.
  useApp.subscribe((state, before) => {
    const ready = (s: typeof state) => Object.values(s.engine).every((st) => st.state === 'ready');
    if (ready(state) && !ready(before)) {
      void keepStorage();
      void checkCatalog();
    }
  });
  setInterval(() => void checkCatalog(), CATALOG_CHECK_MS);
}

async function checkCatalog(): Promise<void> {
  if (!navigator.onLine) return;
  const newer = await getEngine().checkForUpdate();
  useApp.setState({ newerCatalog: newer ?? undefined });
}

async function keepStorage(): Promise<void> {
  if (!navigator.storage?.estimate) return;
  const persisted = (await navigator.storage.persisted?.()) || (await navigator.storage.persist?.()) || false;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  useApp.setState({ storage: { usage, quota, persisted } });
}
