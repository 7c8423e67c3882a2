/**
 * The app's service worker (built to `sw.js` by `scripts/service-worker-plugin.ts`, which defines `PRECACHE` and
 * `VERSION`). On install it caches every file of the build: the app shell, DuckDB's wasm and worker files, the
 * samples; it then answers the app's own requests from that cache, so a second visit works with the network off.
 * It never fetches from another origin: requests elsewhere are left to the browser (and the page's CSP refuses
 * them). A new version waits until the page asks for it (`skip-waiting`), so an analysis is never interrupted.
 */
declare const PRECACHE: string[];
declare const VERSION: string;

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `customer-lens-${VERSION}`;

sw.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' })))));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('customer-lens-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'skip-waiting') void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
  event.respondWith(fromCache(request, url));
});

/** The cached copy of an app file; a page (any query string) is the cached app shell; anything else the network. */
async function fromCache(request: Request, url: URL): Promise<Response> {
  const cache = await caches.open(CACHE);
  const navigation = request.mode === 'navigate';
  const hit = navigation ? await cache.match(new URL('./', sw.registration.scope).href, { ignoreSearch: true }) : await cache.match(request, { ignoreSearch: url.pathname.endsWith('.html') });
  return hit ?? fetch(request);
}
