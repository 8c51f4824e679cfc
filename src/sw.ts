import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';

/**
 * The service worker keeps the app shell: HTML, scripts, styles, icons and the WASM
 * runtimes (sql.js, onnxruntime-web's WASM build), precached at install and versioned by
 * Workbox, so the app opens with no network. onnxruntime-web's WebGPU build is kept the
 * first time a browser with a GPU asks for it. The catalog, vectors and model are kept by the
 * engine worker itself (workers/fileCache.ts), keyed by their hashes. onnxruntime's .wasm
 * files are kept gzipped (below).
 */
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

/** Marks a kept response whose body is gzipped. */
const GZIPPED = 'x-marquee-kept-gzipped';

/**
 * onnxruntime's .wasm is kept gzipped (14.3 MB as served, 3.7 MB kept; the WebGPU build 26.9
 * and 6.6) and inflated on this thread as it is served, while the worker's thread compiles
 * it from the stream: the stored bytes are a third of the site's, and free text does not wait
 * for them much longer. Only free text needs it; the runtimes of title search are kept as they are.
 */
const gzippedAtRest = {
  async cacheWillUpdate({ request, response }: { request: Request; response: Response }) {
    if (response.status >= 400) return null;
    const { pathname } = new URL(request.url);
    if (!pathname.startsWith('/ort/') || !pathname.endsWith('.wasm') || !response.body) return response;
    const headers = new Headers({ 'content-type': 'application/wasm', [GZIPPED]: '1' });
    return new Response(response.body.pipeThrough(new CompressionStream('gzip')), { headers });
  },
  async cachedResponseWillBeUsed({ cachedResponse }: { cachedResponse?: Response }) {
    if (!cachedResponse?.body || !cachedResponse.headers.has(GZIPPED)) return cachedResponse;
    return new Response(cachedResponse.body.pipeThrough(new DecompressionStream('gzip')), { headers: { 'content-type': 'application/wasm' } });
  },
};

addPlugins([gzippedAtRest]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Deep links (/movie/42, /discover?text=...) open offline too: every navigation gets the app.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html')));
// Its URL names the onnxruntime-web version (package-lock pins it), so a kept copy stays right until the app changes it.
registerRoute(({ url }) => url.pathname.startsWith('/ort/') && url.pathname.includes('.asyncify.'), new CacheFirst({ cacheName: 'marquee-webgpu-runtime', plugins: [gzippedAtRest] }));

// On the first install, take the open page at once so it works offline without a reload.
// Later versions wait until the person accepts the update.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// The app asks for this when the person accepts an update (src/app/pwa.ts).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
