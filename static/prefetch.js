// Scorecard Explorer: starts the wasm, the settings and the bundle downloading together,
// rather than the settings and the bundle only once the wasm has compiled, which on a
// slow link saves a round trip or two. scripts/finish-dist.sh puts it in start.js, which
// runs it first, as soon as the script arrives (the page asks for start.js first of all,
// before the app's code in it needs the page's content). Only what must run
// before the wasm is here: the downloads are started and their responses kept, unread;
// the app (src/web/host.rs, through `#[wasm_bindgen]` declarations of
// `window.scorecardExplorerPrefetch` below) takes a response only when its URL is exactly
// the one it decided to fetch, and reads it itself, with the size limit, the stall timer
// and the progress. Its own checks still decide what is loaded.
// Only the page's own origin is fetched here, and a bundle named by the address only
// when it is a .json file in the default bundle's folder (the app checks the settings').
const base = new URL('./', import.meta.url);
// (The built page's static first view is shown or removed by static/crash.js.)
// The settings file and the default bundle, as the app names them (`config::FILE`,
// `config::DEFAULT_BUNDLE`; tests/boundary.rs fails if these differ).
const SETTINGS = 'explorer-config.json';
const DEFAULT_BUNDLE = 'bundles/somerset.json';
const started = new Map();
// Starts a download and keeps its `fetch()` promise (and the switch that aborts it) for
// the app, which takes it with `take`.
// A bundle named by the address is not followed through a redirect (`redirect:
// 'manual'`), as the app's own request (host::Redirects) is not.
const start = (url, redirect = 'follow') => {
  const controller = new AbortController();
  const response = fetch(url, { signal: controller.signal, redirect });
  response.catch(() => {}); // a failure is reported by the app, when it takes the download
  started.set(url.href, { response, controller });
  return response;
};
const ownOrigin = (url) => url.origin === location.origin;
const bundles = new URL('./', new URL(DEFAULT_BUNDLE, base));
const inBundles = (url) => ownOrigin(url) && url.pathname.startsWith(bundles.pathname) &&
  url.pathname.endsWith('.json') && !/%2[ef]|%5c|%3b|;/i.test(url.pathname);
// The bundle the page names, as { name, byAddress }, from the address's `?bundle=`
// (`param`): a host element's `data-bundle` wins over the address unless the host opts
// in with `data-bundle-from-url`, so a link to the host page cannot swap its scorecard.
// The one statement of this rule: the app and the crash page ask here.
const named = (param) => {
  const host = document.querySelector('[data-scorecard-explorer]');
  const hostBundle = host?.getAttribute('data-bundle')?.trim();
  if (param != null && (!host || host.hasAttribute('data-bundle-from-url'))) return { name: param, byAddress: true };
  return hostBundle ? { name: hostBundle, byAddress: false } : undefined;
};

let ready = Promise.resolve();
// The default bundle's address, once the settings say (for the notice of a browser
// without WebAssembly, static/crash.js, which reads no settings of its own).
let defaultBundle = Promise.resolve(new URL(DEFAULT_BUNDLE, base).href);
try {
  const settings = start(new URL(SETTINGS, base));
  defaultBundle = settings
    .then((r) => (r.ok ? r.clone().json() : {}))
    .then((c) => new URL(typeof c?.default_bundle === 'string' ? c.default_bundle : DEFAULT_BUNDLE, base).href)
    .catch(() => new URL(DEFAULT_BUNDLE, base).href);
  const bundle = named(new URLSearchParams(location.search).get('bundle'));
  if (bundle) {
    const url = new URL(bundle.name, document.baseURI);
    if (bundle.byAddress ? inBundles(url) : ownOrigin(url)) start(url, bundle.byAddress ? 'manual' : 'follow');
  } else {
    // The default bundle, as the app picks it: the settings' `default_bundle`, else the
    // one beside the app. `ready` settles once it is decided, so the app waits for that
    // rather than racing it. A copy of the settings is read here; the app reads its own.
    ready = defaultBundle.then((href) => {
      const url = new URL(href);
      if (ownOrigin(url)) start(url);
    });
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
// Whether this browser can run the app (static/crash.js, which start.js begins with, asks).
const supported = window.scorecardExplorerCrash.supported;
// The one global the app's scripts set: what the app (src/web/host.rs, `Prefetch`),
// start.js (`wasm`) and the crash page (static/crash.js: `named`, `opening`) read;
// static/converter.js adds `convert`.
window.scorecardExplorerPrefetch = {
  // The folder the app's files are in, also when a host page at another path loads it.
  base: base.href,
  ready,
  defaultBundle,
  named,
  // The download started for exactly `url`, taken once (a later load fetches anew).
  take: (url) => {
    const entry = started.get(url);
    started.delete(url);
    return entry;
  },
  // The bundle the app is opening (the app sets it), for the crash page.
  opening: undefined,
  supported,
  // Not fetched at all by a browser that could not run it.
  wasm: supported ? fetch(new URL(WASM, base), WASM_INTEGRITY ? { integrity: WASM_INTEGRITY } : {}) : undefined,
};
