// Scorecard Explorer: starts the wasm, the settings and the bundle downloading together,
// rather than the settings and the bundle only once the wasm has compiled, which on a
// slow link saves a round trip or two. start.js imports this first. The app takes a response from here only when its
// URL is exactly the one the app decided to fetch (see `fetch` in src/web/host.rs), so the
// app's own checks still decide what is loaded; anything else it fetches with `get` below.
// Only the page's own origin is fetched here, and a bundle named by the address only
// when it is a .json file in the default bundles folder (the app checks the settings').
const base = new URL('./', import.meta.url);
// The built page may carry the default scorecard's first view as static HTML (written by
// `scorecard-explorer prerender`); it shows only under this class (style/main.css), so an
// address that names another view or bundle never shows it, and there it is removed. (The
// app removes it too when the settings name another default bundle: web::prerendered.)
const dropFirstView = () => document.getElementById('se-prerendered')?.remove();
if (!location.search) document.documentElement.classList.add('se-first-view');
else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', dropFirstView);
else dropFirstView();
const fetches = new Map();
// The largest bundle the app accepts (`bundle::load::MAX_BYTES`): reading stops there.
const LIMIT = 64 * 1024 * 1024;
// A response that sends nothing for this long is given up, with a message, not "Loading" forever.
const STALL_SECONDS = 20;
// Reads a response whole into `into` (a new object by default) as { ok, status,
// statusText, contentType, url (after redirects), body }, writing `received` and `total`
// (Content-Length, when sent) as the body arrives, so the app can say how far a slow
// download has got. Rejects with an Error whose `kind` says what happened, for the app's
// words (`bundle::fetch`): 'unreachable' (no answer), 'dropped' (the body stopped part
// way), 'stalled' or 'too-large'; its message is the technical detail.
const get = async (url, into = {}) => {
  const abort = new AbortController();
  const fail = (kind, message) =>
    Object.assign(new Error(message), { kind, received: into.received || 0, total: into.total, seconds: STALL_SECONDS, limit: LIMIT });
  let timer;
  const waiting = () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(fail('stalled', `the server sent nothing for ${STALL_SECONDS} seconds; try again later`)), STALL_SECONDS * 1000);
  };
  const tooBig = () => {
    const error = fail('too-large', `the response is larger than a bundle may be (${LIMIT / 1024 / 1024} MiB)`);
    abort.abort(error);
    return error;
  };
  into.received = 0;
  waiting();
  try {
    let r;
    try {
      r = await fetch(url, { signal: abort.signal });
    } catch (e) {
      throw fail('unreachable', String(e));
    }
    Object.assign(into, { ok: r.ok, status: r.status, statusText: r.statusText, url: r.url, contentType: r.headers.get('Content-Type') || '' });
    // A compressed body's Content-Length counts its compressed bytes, not those read here.
    const length = r.headers.get('Content-Length');
    if (length !== null && Number(length) >= 0 && !r.headers.get('Content-Encoding')) into.total = Number(length);
    if (Number(length) > LIMIT) throw tooBig();
    const chunks = [];
    let size = 0;
    const reader = r.body.getReader();
    for (;;) {
      waiting();
      let next;
      try {
        next = await reader.read();
      } catch (e) {
        throw fail('dropped', String(e));
      }
      const { done, value } = next;
      if (done) break;
      size += value.length;
      into.received = size;
      if (size > LIMIT) throw tooBig();
      chunks.push(value);
    }
    const body = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) { body.set(c, at); at += c.length; }
    into.body = body.buffer;
    return into;
  } catch (e) {
    throw abort.signal.reason instanceof Error ? abort.signal.reason : e;
  } finally {
    clearTimeout(timer);
  }
};
// Each response is read whole as it arrives, into an entry that the app takes without
// waiting when it is there: no frame of "Loading" is drawn in between. `done` settles when
// the entry is complete (or rejects: a network error, a stall, a response too large).
const start = (url) => {
  const entry = {};
  entry.done = get(url, entry);
  entry.done.catch(() => {}); // a failure is reported by the app, when it takes the entry
  fetches.set(url.href, entry);
  return entry.done;
};
const ownOrigin = (url) => url.origin === location.origin;
const bundles = new URL('bundles/', base);
const inBundles = (url) => ownOrigin(url) && url.pathname.startsWith(bundles.pathname) &&
  url.pathname.endsWith('.json') && !/%2[ef]|%5c/i.test(url.pathname);

let ready = Promise.resolve();
try {
  const config = start(new URL('explorer-config.json', base));
  const host = document.querySelector('[data-scorecard-explorer]');
  const hostBundle = host?.getAttribute('data-bundle')?.trim();
  // A host element's data-bundle wins over the address unless it opts in to ?bundle=.
  const fromAddress = !hostBundle || host.hasAttribute('data-bundle-from-url');
  const addressed = fromAddress ? new URLSearchParams(location.search).get('bundle') : null;
  if (addressed) {
    const url = new URL(addressed, document.baseURI);
    if (inBundles(url)) start(url);
  } else if (hostBundle) {
    const url = new URL(hostBundle, document.baseURI);
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
// The app's own code. scripts/finish-dist.sh writes the wasm's hashed file name and its
// SRI hash below (a wasm that does not match is refused). On the built page, a preload link
// in the head has already started this download before any script ran; this fetch is
// the same request (same URL and CORS mode), so it takes that response, checked against
// the hash here, rather than downloading the wasm again. A host page that loads start.js
// has no such link, and the download starts here.
const WASM = 'scorecard-explorer_bg.wasm';
const WASM_INTEGRITY = '';
window.scorecardExplorerPrefetch = {
  fetches, ready, get,
  wasm: fetch(new URL(WASM, base), WASM_INTEGRITY ? { integrity: WASM_INTEGRITY } : {}),
};
