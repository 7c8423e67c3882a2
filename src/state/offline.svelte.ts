/**
 * The page's side of the service worker (`src/sw/service-worker.ts`): registers it once the page has loaded, and
 * offers a new version when one has installed, never switching to it by itself.
 */
export class OfflineApp {
  /** A new version has installed and waits for the user to reload into it. */
  updateReady = $state(false);
  /** Every file of this version is cached: the app works with the network off. */
  offlineReady = $state(false);
  private waiting: ServiceWorker | null = null;

  register(): void {
    if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
    const start = () => {
      navigator.serviceWorker.register('./sw.js', { scope: './' }).then(
        (registration) => {
          const track = (worker: ServiceWorker | null) => {
            if (!worker) return;
            const settle = () => {
              if (worker.state !== 'installed') return;
              // Installed while another version controls the page: an update, offered. Otherwise the first install.
              if (navigator.serviceWorker.controller) this.offer(worker);
            };
            worker.addEventListener('statechange', settle);
            settle();
          };
          if (registration.waiting && navigator.serviceWorker.controller) this.offer(registration.waiting);
          track(registration.installing);
          registration.addEventListener('updatefound', () => track(registration.installing));
          void navigator.serviceWorker.ready.then(() => (this.offlineReady = true));
        },
        () => undefined,
      );
    };
    if (document.readyState === 'complete') start();
    else addEventListener('load', start, { once: true });
  }

  /** Switches to the waiting version and reloads, when the user asks. */
  applyUpdate(): void {
    const worker = this.waiting;
    if (!worker) return;
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    worker.postMessage({ type: 'skip-waiting' });
  }

  private offer(worker: ServiceWorker): void {
    this.waiting = worker;
    this.updateReady = true;
  }
}

/** The one instance of the page. */
export const offline = new OfflineApp();
