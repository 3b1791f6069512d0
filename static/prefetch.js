// Scorecard Explorer: starts the wasm, the settings and the bundle downloading together,
// rather than the settings and the bundle only once the wasm has compiled, which on a
// slow link saves a round trip or two. start.js imports this first. The app takes a response from here only when its
// URL is exactly the one the app decided to fetch (see `fetch` in src/host.rs), so the
// app's own checks still decide what is loaded; anything else is fetched as before.
// Only the page's own origin is fetched here: that origin never needs permission.
const base = new URL('./', import.meta.url);
const fetches = new Map();
// Each response is read whole as it arrives, into an entry { ok, status, statusText, body }
// that the app takes without waiting when it is there: no frame of "Loading" is drawn
// in between. `done` settles when the entry is complete (or rejects: a network error).
const start = (url) => {
  const entry = {};
  entry.done = fetch(url).then(async (r) =>
    Object.assign(entry, { ok: r.ok, status: r.status, statusText: r.statusText, body: await r.arrayBuffer() }));
  entry.done.catch(() => {}); // a failure is reported by the app, when it takes the entry
  fetches.set(url.href, entry);
  return entry.done;
};
const ownOrigin = (url) => url.origin === location.origin;

let ready = Promise.resolve();
try {
  const config = start(new URL('explorer-config.json', base));
  const host = document.querySelector('[data-scorecard-explorer]');
  const named = new URLSearchParams(location.search).get('bundle') || host?.getAttribute('data-bundle')?.trim();
  if (named) {
    const url = new URL(named, document.baseURI);
    if (ownOrigin(url)) start(url);
  } else {
    // The default bundle, as the app picks it: the settings' `default_bundle`, else the
    // one beside the app. `ready` settles once it is decided, so the app waits for that
    // rather than racing it.
    ready = config
      .then((e) => (e.ok ? JSON.parse(new TextDecoder().decode(e.body)) : {}))
      .then((c) => {
        const url = new URL(typeof c?.default_bundle === 'string' ? c.default_bundle : 'bundles/somerset.json', base);
        if (ownOrigin(url)) start(url);
      })
      .catch(() => {});
  }
} catch (_) {
  // Nothing is lost: the app fetches whatever is not here.
}
// The app's own code, fetched here as early as the rest. scripts/finish-dist.sh writes the
// wasm's hashed file name below, and takes out trunk's preload link for it: in Chromium,
// that link together with the fetches above left the app waiting for its wasm.
const WASM = 'scorecard-explorer_bg.wasm';
window.scorecardExplorerPrefetch = { fetches, ready, wasm: fetch(new URL(WASM, base)) };
