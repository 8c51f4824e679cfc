import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';

/**
 * The service worker keeps the app shell: HTML, scripts, styles, icons and the WASM
 * runtimes (sql.js, onnxruntime-web's WASM build), precached at install and versioned by
 * Workbox, so the app opens with no network. onnxruntime-web's WebGPU build is kept the
 * first time a browser with a GPU asks for it. The catalog, vectors and model are kept by the
 * engine worker itself (workers/fileCache.ts), keyed by their hashes.
 */
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Deep links (/movie/42, /discover?text=...) open offline too: every navigation gets the app.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html')));
// Its URL names the onnxruntime-web version (package-lock pins it), so a kept copy stays right until the app changes it.
registerRoute(({ url }) => url.pathname.startsWith('/ort/') && url.pathname.includes('.asyncify.'), new CacheFirst({ cacheName: 'marquee-webgpu-runtime' }));

// On the first install, take the open page at once so it works offline without a reload.
// Later versions wait until the person accepts the update.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// The app asks for this when the person accepts an update (src/app/pwa.ts).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
