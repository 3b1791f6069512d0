// Scorecard Explorer: what a person sees if the app stops on an error of its own.
// The release wasm aborts on a panic (no unwinding, no message text in the download), which
// surfaces here as a WebAssembly.RuntimeError; a module that fails to start arrives here too,
// and so does a script of the app's that the browser refused (its integrity check failed)
// or could not load. Either way the page (or, in a host page, the app's element only) is
// replaced by a message in words, the scorecard's address, a Reload button and a copyable
// technical detail, instead of a page that silently stops answering.
// scripts/finish-dist.sh puts this file at the top of start.js, and beside it as crash.js,
// which the built page also loads: each under the page's integrity check, and each shows
// this page when the other was refused. The first copy to run does the work; both record
// that they ran.
const crash = (window.scorecardExplorerCrash ??= (() => {
  // Whether this browser can run the app: it has WebAssembly, with every feature the
  // app's wasm uses (static/baseline.wat, which finish-dist.sh assembles and writes here).
  const BASELINE_PROBE = '';
  const supported = (() => {
    try {
      return typeof WebAssembly === 'object' && WebAssembly.validate(Uint8Array.from(atob(BASELINE_PROBE), (c) => c.charCodeAt(0)));
    } catch (_) {
      return false;
    }
  })();
  // Text from the address, as the page shows it (the app's rule, explore::query::Quoted):
  // anyone can write an address, so it is cut to 60 characters and loses control and
  // direction characters; shown inside <bdi>, it cannot reorder the page's sentence.
  const fromAddress = (text) => {
    const chars = [...String(text).replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')];
    return chars.length > 60 ? chars.slice(0, 60).join('') + '…' : chars.join('');
  };
  // An element with its properties and children: the crash page's and the notice's.
  const el = (tag, props = {}, ...children) => {
    const e = Object.assign(document.createElement(tag), props);
    e.append(...children);
    return e;
  };
  // Shown once: a second error while the message is up changes nothing.
  let shown = false;
  // The app's scripts that ran, by URL.
  const ran = new Set();
  const crashed = (error, starting) => {
    if (shown) return;
    // The page's own content first, so that the message replaces all of it.
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => crashed(error, starting), { once: true });
      return;
    }
    shown = true;
    const host = document.querySelector('[data-scorecard-explorer]');
    // The scorecard being opened (the app tells prefetch.js), else the one the page names,
    // by prefetch.js's one statement of the rule.
    const prefetch = window.scorecardExplorerPrefetch;
    const bundle = prefetch?.opening ?? prefetch?.named(new URLSearchParams(location.search).get('bundle'))?.name;
    const detail = [
      `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`,
      `while: ${starting ? 'starting the app' : 'running the app'}`,
      `page: ${location.href}`,
      `scorecard: ${bundle ? fromAddress(bundle) : 'the default'}`,
      `browser: ${navigator.userAgent}`,
      `time: ${new Date().toISOString()}`,
      error?.stack ? `stack:\n${error.stack}` : '',
    ].join('\n').trim();
    const heading = el('h1', { className: 'se-crash-title', tabIndex: -1 }, 'Something went wrong');
    const text = el('textarea', { className: 'se-crash-text', readOnly: true, rows: 8, value: detail });
    text.setAttribute('aria-label', 'Technical detail');
    const said = el('p', { className: 'se-crash-said' });
    said.setAttribute('role', 'status');
    const copy_ = el('button', { type: 'button', className: 'button' }, 'Copy the detail');
    copy_.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(detail);
      } catch {
        text.select();
        document.execCommand('copy');
      }
      said.textContent = 'Technical detail copied.';
    });
    const reload = el('button', { type: 'button', className: 'button' }, 'Reload');
    reload.addEventListener('click', () => location.reload());
    // The module could not start, on the built page that carries its first view as static
    // HTML (scorecard-explorer prerender): the person keeps reading that, told what is missing.
    const copy = starting && !host && !location.search && document.getElementById('se-prerendered');
    if (copy) {
      const notice = el('div', { className: 'se-app se-crash-notice' },
        el('p', {}, el('strong', {}, 'The interactive scorecard could not start in this browser. '),
          'Below is its first page as published; the filters, the other items and the charts need it. ', reload),
        el('details', {}, el('summary', {}, 'Technical detail, for whoever supports this page'), text, el('p', {}, copy_), said));
      notice.setAttribute('role', 'alert');
      copy.before(notice);
      return;
    }
    const page = el('div', { className: 'se-app se-crash' },
      el('main', { className: 'se-crash-main' },
        heading,
        el('p', {}, starting
          ? 'The scorecard explorer could not start in this browser.'
          : 'The scorecard explorer stopped because of an error in the app, not in the scorecard.',
          ' Reloading the page usually brings your view back: your filters are kept in the address.'),
        el('p', {}, 'Scorecard: ', bundle ? el('bdi', {}, el('code', {}, fromAddress(bundle))) : "the page's default scorecard"),
        el('p', {}, reload),
        el('details', {},
          el('summary', {}, 'Technical detail, for whoever supports this page'),
          el('p', {}, 'If this keeps happening, send this text to them.'),
          text, el('p', {}, copy_), said)));
    page.setAttribute('role', 'alert');
    if (host) host.replaceChildren(page);
    else document.body.replaceChildren(page);
    heading.focus();
  };
  // A browser without WebAssembly (switched off by policy, as some estates do with the
  // JavaScript optimiser, or too old): never a blank page. On the default address the
  // built first view stays, with this notice above it; on any other, the notice alone,
  // with the way to the default view. Either way it links the scorecard's data: its
  // bundle, and (for the default scorecard, written beside it by `prerender`) its items
  // as CSV. Words an officer can pass to IT.
  const withoutWasm = (bundle, isDefault) => {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => withoutWasm(bundle, isDefault), { once: true });
      return;
    }
    if (shown) return;
    shown = true;
    const host = document.querySelector('[data-scorecard-explorer]');
    const base = window.scorecardExplorerPrefetch?.base ?? new URL('./', import.meta.url).href;
    const data = [];
    if (bundle) {
      const url = new URL(bundle, base);
      data.push(el('a', { href: url.href }, 'the scorecard (JSON)'));
      if (isDefault) data.push(' and ', el('a', { href: url.href.replace(/\.json$/, '.csv'), download: '' }, 'its items as a spreadsheet (CSV)'));
    }
    const staticView = !host && !location.search && document.getElementById('se-prerendered');
    const notice = el('div', { className: 'se-app se-crash-notice se-no-wasm' },
      el('h2', {}, 'This browser has WebAssembly turned off, or is too old'),
      el('p', {}, 'The filters, the charts and the other views of this scorecard need WebAssembly, a standard part of ',
        'current web browsers, which is turned off in this browser, or which this browser is too old to have in full ',
        '(the supported browsers are listed with the app). WebAssembly is often turned off together with the ',
        "browser's JavaScript optimiser (\u201cJIT\u201d), by a security setting or policy. To use them, ask your IT team ",
        `to allow WebAssembly (or the JavaScript optimiser) for ${location.origin}, or to update the browser.`),
      data.length ? el('p', {}, 'Meanwhile, download ', ...data, '.') : '',
      staticView ? el('p', {}, 'Below is the first page of the scorecard as published.')
        : el('p', {}, el('a', { href: base }, 'Open the first page of the scorecard'), ', which works without WebAssembly.'));
    notice.setAttribute('role', 'alert');
    if (staticView) staticView.before(notice);
    else if (host) host.replaceChildren(notice);
    else document.body.replaceChildren(notice);
  };
  // Only the app's own failures: an error from the host page's scripts is the host's business.
  const ours = (e) => typeof WebAssembly === 'object' && e instanceof WebAssembly.RuntimeError;
  addEventListener('error', (e) => { if (ours(e.error)) crashed(e.error, false); });
  addEventListener('unhandledrejection', (e) => { if (ours(e.reason)) crashed(e.reason, false); });
  // The app's scripts on this page: start.js, and crash.js beside it. One the browser
  // refused or could not load fires `error` at its element (seen here if this copy is
  // already running) and never records that it ran: `unran(settled)` shows the crash page
  // for any of them that should have run by now and did not, and says whether there was one.
  // Every script has, once the page has loaded; a deferred one (crash.js) by the time the
  // page's content is read, which is when start.js asks, before it starts the app.
  const app = ['start.js', 'crash.js'].map((name) => new URL(name, import.meta.url).href);
  const refused = (script) => crashed(new Error(`the app's script ${script.src} did not load, or is not this build's (its integrity check failed)`), true);
  addEventListener('error', (e) => { if (e.target instanceof HTMLScriptElement && app.includes(e.target.src)) refused(e.target); }, true);
  const unran = (settled) => {
    const missing = [...document.scripts].filter((s) => app.includes(s.src) && settled(s) && !ran.has(s.src));
    missing.forEach(refused);
    return missing.length > 0;
  };
  // Once the page has loaded, every script of the app should have run; one that did not
  // in a browser that could not run the app anyway (start.js needs what it lacks) gets
  // the notice, not the crash page.
  addEventListener('load', () => {
    const missed = [...document.scripts].some((s) => app.includes(s.src) && !ran.has(s.src));
    if (missed && !supported) withoutWasm(null, false);
    else unran(() => true);
  });
  // The built page may carry the default scorecard's first view as static HTML (written by
  // `scorecard-explorer prerender`); it shows only under this class (style/main.css), so an
  // address that names another view or bundle never shows it, and there it is removed. (The
  // app removes it too when the settings name another default bundle: web::prerendered.)
  // Here, not in the larger start.js: crash.js arrives first, so on a slow link the view
  // shows as soon as the stylesheet has.
  const dropFirstView = () => document.getElementById('se-prerendered')?.remove();
  if (!location.search) document.documentElement.classList.add('se-first-view');
  else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', dropFirstView);
  else dropFirstView();
  return { crashed, ran, unran, withoutWasm, supported };
})());
crash.ran.add(import.meta.url);
const crashed = crash.crashed;
