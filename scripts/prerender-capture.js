// Loaded by scripts/prerender.sh into a private copy of the page (never published): waits
// for the app's first full view of the default bundle, then replaces the page's body with
// a static copy of that view for `chromium --dump-dom` to print.
// The copy is what a person reads while the wasm downloads, so it:
//  - keeps the first screen of items (the cards the app itself draws first), so the app's
//    own first frame has the same height and nothing moves when it takes over;
//  - has no style attributes (the page's Content-Security-Policy refuses them);
//  - has every form control disabled: a control that cannot work yet must not look usable;
//  - renames its ids (and what refers to them) and drops data- attributes, so the app's
//    ids stay unique and nothing looks for the app's hooks in the copy.
// Bundle text stays text: the browser's serialiser escapes it.
(() => {
  // The cards the app draws first (FIRST_DRAW in src/web/components/item_list.rs).
  const FIRST_CARDS = 20;
  const PREFIX = 'se-pre-';
  const report = (html) => {
    const holder = document.createElement('template');
    holder.innerHTML = html;
    document.body.replaceChildren(holder.content);
  };
  const fail = (why) => {
    const p = document.createElement('p');
    p.id = 'se-prerender-failed';
    p.textContent = why;
    report(p.outerHTML);
  };
  const capture = () => {
    const app = document.querySelector('body > .app');
    const copy = app.cloneNode(true);
    const cards = copy.querySelectorAll('.results .item-card');
    if (cards.length > FIRST_CARDS) {
      // Everything after the last kept card, up to the list's section, goes.
      let node = cards[FIRST_CARDS - 1];
      while (node && !node.classList.contains('results')) {
        while (node.nextSibling) node.nextSibling.remove();
        node = node.parentElement;
      }
      const more = document.createElement('p');
      more.className = 'prerendered-more';
      more.textContent = 'The other items appear when the page has finished loading.';
      copy.querySelector('.results').append(more);
    }
    for (const e of copy.querySelectorAll('[style]')) e.removeAttribute('style');
    // The framework's markers are of no use without it.
    const comments = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
    const markers = [];
    while (comments.nextNode()) markers.push(comments.currentNode);
    for (const c of markers) c.remove();
    for (const e of copy.querySelectorAll('input, select, textarea, button')) e.disabled = true;
    const all = [copy, ...copy.querySelectorAll('*')];
    for (const e of all) {
      for (const a of [...e.attributes]) {
        if (a.name.startsWith('data-')) e.removeAttribute(a.name);
        else if (a.name === 'id') e.id = PREFIX + a.value;
        else if (a.name === 'for' || a.name === 'list') e.setAttribute(a.name, PREFIX + a.value);
        else if (['aria-labelledby', 'aria-describedby', 'aria-controls'].includes(a.name))
          e.setAttribute(a.name, a.value.split(/\s+/).filter(Boolean).map((v) => PREFIX + v).join(' '));
        else if (a.name === 'href' && a.value.startsWith('#')) e.setAttribute('href', '#' + PREFIX + a.value.slice(1));
      }
    }
    const wrapper = document.createElement('div');
    wrapper.id = 'se-prerendered';
    wrapper.append(copy);
    report(wrapper.outerHTML);
  };
  // Event-driven, no polling timers: under --virtual-time-budget a timer would spend the
  // budget while the wasm compiles.
  const check = () => {
    const app = document.querySelector('body > .app');
    if (!app) return false;
    if (app.querySelector('[role=alert]')) {
      fail('the app showed a problem instead of the scorecard: ' + app.querySelector('[role=alert]').textContent);
      return true;
    }
    const rendered = performance.getEntriesByName('se:rendered').length > 0;
    if (!rendered || document.querySelector('[aria-busy=true]') || !app.querySelector('.results')) return false;
    capture();
    return true;
  };
  const watch = new MutationObserver(() => {
    if (check()) watch.disconnect();
  });
  watch.observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
})();
