// The benchmark's baseline: what a careful person would write by hand in plain
// JavaScript to show a scorecard bundle. No framework, no build step, no dependencies.
//
//   index.html?bundle=URL            the item list: RAG filter, search, "Show more"
//   index.html?bundle=URL&item=ID    one item's series drawn on a canvas
//
// It sets the app's performance marks (se:fetch-start, se:fetched, se:parsed,
// se:rendered) and the app's hooks for the benchmark: [data-result-count],
// fieldset[data-facet=rag] input[value=...], #search, button.show-more, and a
// canvas[data-draw-ms] with the draw time. It draws the first 100 matches, and 500 more
// per "Show more" (button.show-more): a simple way to keep 10,000 items responsive.
'use strict';

(function () {
  const PAGE = 100;
  const MORE = 500;
  const RAGS = [['red', 'Red'], ['amber', 'Amber'], ['green', 'Green'], ['complete', 'Complete'], ['not_rated', 'Not rated']];
  const TRENDS = { improving: '▲ Improving', stable: '▶ Stable', declining: '▼ Declining', not_known: '? Not known' };
  const WORDS = {
    kind: ['action', 'metric'],
    scope: ['local', 'national'],
    polarity: ['higher_is_better', 'lower_is_better', 'no_judgement'],
    rag: RAGS.map((r) => r[0]),
    trend: ['improving', 'stable', 'declining', 'not_known'],
    benchmark: ['better', 'similar', 'worse', 'not_compared'],
  };

  const params = new URLSearchParams(location.search);
  const bundleUrl = params.get('bundle') || '../data/somerset.json';
  const itemId = params.get('item');
  const main = document.getElementById('main');

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    if (attrs) for (const k in attrs) e.setAttribute(k, attrs[k]);
    for (const c of children) if (c != null) e.append(c);
    return e;
  }

  // ---- load: fetch, parse, validate ------------------------------------------------
  async function load() {
    performance.mark('se:fetch-start');
    let text;
    try {
      const res = await fetch(bundleUrl);
      if (!res.ok) return fail([`could not fetch the bundle: the server answered ${res.status}`]);
      text = await res.text();
    } catch (e) {
      return fail([`could not fetch the bundle: ${e}`]);
    }
    performance.mark('se:fetched');
    if (text.length > 64 * 1024 * 1024) return fail(['the file is too large to open']);
    let bundle;
    try {
      bundle = JSON.parse(text);
    } catch (e) {
      return fail([`not valid JSON: ${e.message}`]);
    }
    const problems = validate(bundle);
    if (problems.length) return fail(problems);
    for (const item of bundle.items) item.series.sort((a, b) => (dateKey(a.date) < dateKey(b.date) ? -1 : 1));
    bundle.periods.sort((a, b) => (dateKey(a.end) < dateKey(b.end) ? -1 : 1));
    performance.mark('se:parsed');
    if (itemId) showItem(bundle, itemId);
    else showList(bundle);
    performance.mark('se:rendered');
  }

  function fail(problems) {
    main.replaceChildren(el('section', { class: 'problems', role: 'alert' },
      el('h2', null, 'The scorecard could not be opened'),
      el('ul', null, ...problems.slice(0, 100).map((p) => el('li', null, p)))));
  }

  // "YYYY", "YYYY-MM" or "YYYY-MM-DD" to a sortable "YYYY-MM-DD" of the span's end; null if invalid.
  function dateKey(text) {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text || '');
    if (!m) return null;
    const y = +m[1];
    const mo = m[2] ? +m[2] : 12;
    if (mo < 1 || mo > 12) return null;
    const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    const d = m[3] ? +m[3] : last;
    if (d < 1 || d > last) return null;
    return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }

  // The format's rules, checked naively; every problem names its path.
  function validate(b) {
    const out = [];
    if (!b || typeof b !== 'object' || Array.isArray(b)) return ['this is not a scorecard bundle: a bundle is a JSON object'];
    if (b.format !== 'hwb-scorecard') return ['format: this is not a scorecard bundle'];
    if (b.version !== 1) return [`version: ${b.version > 1 ? 'made for a newer viewer' : 'unknown version'}`];
    const arr = (v, path) => (Array.isArray(v) ? v : (out.push(`${path}: expected an array`), []));
    const word = (v, kind, path) => {
      if (v !== undefined && !WORDS[kind].includes(v)) out.push(`${path}: unknown ${kind} ${JSON.stringify(v)}; expected one of ${WORDS[kind].join(', ')}`);
    };
    const num = (v, path) => {
      if (v !== undefined && v !== null && !(typeof v === 'number' && Number.isFinite(v))) out.push(`${path}: not a finite number`);
    };
    const periods = new Set();
    arr(b.periods, 'periods').forEach((p, i) => {
      if (periods.has(p.id)) out.push(`periods[${i}].id: duplicate id`);
      periods.add(p.id);
      if (!dateKey(p.end)) out.push(`periods[${i}].end: not a date`);
    });
    const workstreams = new Set();
    arr(b.workstreams, 'workstreams').forEach((w, i) => {
      if (workstreams.has(w.id)) out.push(`workstreams[${i}].id: duplicate id`);
      workstreams.add(w.id);
    });
    const items = arr(b.items, 'items');
    const ids = new Set();
    items.forEach((it, i) => {
      if (ids.has(it.id)) out.push(`items[${i}].id: duplicate id`);
      ids.add(it.id);
    });
    items.forEach((it, i) => {
      const at = `items[${i}]`;
      if (!workstreams.has(it.workstream)) out.push(`${at}.workstream: no workstream ${JSON.stringify(it.workstream)}`);
      if (it.parent !== undefined && !ids.has(it.parent)) out.push(`${at}.parent: no item ${JSON.stringify(it.parent)}`);
      word(it.kind, 'kind', `${at}.kind`);
      word(it.scope, 'scope', `${at}.scope`);
      word(it.polarity, 'polarity', `${at}.polarity`);
      arr(it.assessments || [], `${at}.assessments`).forEach((a, j) => {
        const ap = `${at}.assessments[${j}]`;
        if (!periods.has(a.period)) out.push(`${ap}.period: no period ${JSON.stringify(a.period)}`);
        word(a.rag, 'rag', `${ap}.rag`);
        word(a.trend, 'trend', `${ap}.trend`);
        word(a.benchmark, 'benchmark', `${ap}.benchmark`);
      });
      const seen = new Set();
      it.series = arr(it.series || [], `${at}.series`);
      it.series.forEach((p, j) => {
        const pp = `${at}.series[${j}]`;
        const key = dateKey(p.date);
        if (!key) out.push(`${pp}.date: not a date`);
        else if (seen.has(key)) out.push(`${pp}.date: a second point for ${p.date}`);
        seen.add(key);
        for (const f of ['value', 'lower', 'upper', 'benchmark', 'target']) num(p[f], `${pp}.${f}`);
        if (p.value != null && p.lower != null && p.lower > p.value) out.push(`${pp}.lower: above the value`);
        if (p.value != null && p.upper != null && p.upper < p.value) out.push(`${pp}.upper: below the value`);
      });
    });
    return out;
  }

  // ---- the item list ---------------------------------------------------------------
  function showList(bundle) {
    const period = bundle.periods[bundle.periods.length - 1] || { id: '', end: '' };
    const endKey = dateKey(period.end) || '9999-12-31';
    // Rows of the period: item, its assessment, its latest value.
    const rows = [];
    for (const item of bundle.items) {
      const a = item.assessments.find((x) => x.period === period.id);
      if (item.assessments.length && !a) continue;
      let latest = null;
      for (let i = item.series.length - 1; i >= 0; i--) {
        const p = item.series[i];
        if (p.value != null && dateKey(p.date) <= endKey) { latest = p; break; }
      }
      rows.push({ item, rag: (a && a.rag) || 'not_rated', trend: (a && a.trend) || 'not_known', commentary: (a && a.commentary) || '', latest });
    }
    const state = { rags: new Set(), q: '', matching: rows, shown: 0 };

    const count = el('h2', { class: 'results-count', 'data-result-count': '', 'aria-live': 'polite' });
    const list = el('ul', { class: 'item-list' });
    const more = el('button', { type: 'button', class: 'show-more' });
    const search = el('input', { id: 'search', type: 'search', autocomplete: 'off' });
    const countSpans = {};
    const fieldset = el('fieldset', { class: 'facet', 'data-facet': 'rag' }, el('legend', null, 'RAG status'));
    for (const [word, label] of RAGS) {
      const id = `f-rag-${word}`;
      const box = el('input', { type: 'checkbox', id, value: word });
      box.addEventListener('change', () => {
        if (box.checked) state.rags.add(word);
        else state.rags.delete(word);
        history.pushState(null, '', query(state));
        update();
      });
      countSpans[word] = el('span', { class: 'choice-count' });
      fieldset.append(el('div', { class: 'choice' }, box, el('label', { for: id }, label, countSpans[word])));
    }
    search.addEventListener('input', () => {
      state.q = search.value;
      history.replaceState(null, '', query(state));
      update();
    });
    more.addEventListener('click', () => append(MORE));

    function matches(row, words, useRag) {
      if (useRag && state.rags.size && !state.rags.has(row.rag)) return false;
      if (!words.length) return true;
      // Naive on purpose: lower-cases the text again on every keystroke.
      const text = `${row.item.title}\n${row.item.code || ''}\n${row.commentary}`.toLowerCase();
      return words.every((w) => text.includes(w));
    }

    function update() {
      const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
      const matching = [];
      const counts = Object.fromEntries(RAGS.map(([w]) => [w, 0]));
      for (const row of rows) {
        if (!matches(row, words, false)) continue;
        counts[row.rag] += 1;
        if (!state.rags.size || state.rags.has(row.rag)) matching.push(row);
      }
      state.matching = matching;
      for (const [w] of RAGS) countSpans[w].textContent = ` (${counts[w]})`;
      count.textContent = `${matching.length} of ${rows.length} item${rows.length === 1 ? '' : 's'} match`;
      list.replaceChildren();
      state.shown = 0;
      append(PAGE);
    }

    function append(n) {
      const end = Math.min(state.matching.length, state.shown + n);
      const frag = document.createDocumentFragment();
      for (let i = state.shown; i < end; i++) frag.append(card(state.matching[i]));
      list.append(frag);
      state.shown = end;
      const left = state.matching.length - end;
      more.hidden = left <= 0;
      more.textContent = `Show more (${left} not shown)`;
    }

    function card(row) {
      const { item, latest } = row;
      const link = el('a', { href: `?bundle=${encodeURIComponent(bundleUrl)}&item=${encodeURIComponent(item.id)}` }, item.title);
      const label = RAGS.find((r) => r[0] === row.rag)[1];
      const meta = el('p', { class: 'item-meta' }, `${item.kind === 'action' ? 'Action' : 'Metric'}${item.code ? ` · ${item.code}` : ''}`);
      const marks = el('div', { class: 'item-marks' },
        el('span', { class: `badge rag rag-${row.rag}`, 'data-rag': row.rag }, label),
        el('span', { class: 'mark trend', 'data-trend': row.trend }, TRENDS[row.trend] || row.trend));
      const li = el('li', { class: 'item-card', 'data-item-id': item.id },
        el('div', { class: 'item-main' }, meta, el('h4', { class: 'item-title' }, link), marks));
      if (latest) li.append(el('div', { class: 'item-value' }, el('p', { class: 'latest' }, `${valueText(latest.value, item.unit)} (${latest.label || latest.date})`)));
      return li;
    }

    main.replaceChildren(
      el('h1', null, bundle.board.name),
      el('div', { class: 'explorer' },
        el('aside', { class: 'filters' },
          el('h2', null, 'Filter'),
          el('form', { role: 'search', onsubmit: 'return false' }, el('label', { for: 'search' }, 'Search titles, codes and commentary'), search),
          fieldset),
        el('section', { class: 'results' }, count, list, more)));
    update();
  }

  function query(state) {
    const p = new URLSearchParams();
    p.set('bundle', bundleUrl);
    if (state.rags.size) p.set('rag', [...state.rags].join(','));
    if (state.q) p.set('q', state.q);
    return `?${p}`;
  }

  // "4,512.3", "12.35", "7": as the app prints numbers. (Not toLocaleString: it builds
  // an Intl.NumberFormat on every call, and the first one costs milliseconds.)
  function formatNumber(v) {
    const d = Number.isInteger(v) ? 0 : Math.abs(v) >= 100 ? 1 : 2;
    let [int, frac = ''] = Math.abs(v).toFixed(d).split('.');
    int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    frac = frac.replace(/0+$/, '');
    const sign = v < 0 && /[1-9]/.test(int + frac) ? '-' : '';
    return frac ? `${sign}${int}.${frac}` : `${sign}${int}`;
  }

  function valueText(v, unit) {
    if (v == null) return 'No value';
    return unit === '%' ? `${formatNumber(v)}%` : unit ? `${formatNumber(v)} ${unit}` : formatNumber(v);
  }

  // ---- one item: the chart ---------------------------------------------------------
  function showItem(bundle, id) {
    const item = bundle.items.find((i) => i.id === id);
    if (!item) return fail([`There is no item “${id}” in this scorecard.`]);
    const canvas = el('canvas', { class: 'chart-canvas', role: 'img', 'aria-label': `Chart of ${item.title}` });
    main.replaceChildren(
      el('article', { class: 'detail', 'data-item-id': item.id },
        el('h2', { class: 'detail-title' }, item.title),
        el('figure', { class: 'chart' }, el('div', { class: 'chart-box' }, canvas))));
    const started = performance.now();
    drawChart(canvas, item.series, item.unit);
    canvas.setAttribute('data-draw-ms', (performance.now() - started).toFixed(2));
  }

  // The same picture as the app's chart: white ground, y grid with labels, x labels,
  // the 95% CI as a band, the comparator dashed, the value as a line with dots, targets
  // as crosses; a null value breaks the line.
  function drawChart(canvas, series, unit) {
    const ratio = Math.max(1, window.devicePixelRatio || 1);
    const w = Math.max(280, canvas.clientWidth);
    const h = Math.max(200, canvas.clientHeight);
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of series) {
      for (const v of [p.value, p.lower, p.upper, p.benchmark, p.target]) {
        if (v != null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      }
    }
    if (!Number.isFinite(lo)) return;
    const pad = hi > lo ? (hi - lo) * 0.1 : Math.max(Math.abs(lo), 1) * 0.1;
    const y0 = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
    const y1 = hi + pad;
    const n = series.length;
    const left = 12 + 64;
    const right = w - 12;
    const top = 12;
    const bottom = h - 12 - 34;
    const X = (i) => left + ((i + 0.5) / n) * (right - left);
    const Y = (v) => bottom - ((v - y0) / (y1 - y0)) * (bottom - top);

    // Grid and y labels at "nice" steps.
    const raw = (y1 - y0) / 6;
    const mag = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) || raw;
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillStyle = '#212b32';
    ctx.strokeStyle = '#e8ecee';
    ctx.lineWidth = 1;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let v = Math.ceil(y0 / step) * step; v <= y1; v += step) {
      const y = Math.round(Y(v)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(right, y);
      ctx.stroke();
      ctx.fillText(unit === '%' ? `${formatNumber(v)}%` : formatNumber(v), left - 6, y);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const every = Math.max(1, Math.ceil(n / Math.max(2, Math.floor(w / 90))));
    for (let i = 0; i < n; i += every) ctx.fillText(series[i].label || series[i].date, X(i), bottom + 6);
    ctx.strokeStyle = '#212b32';
    ctx.beginPath();
    ctx.moveTo(left, top);
    ctx.lineTo(left, bottom);
    ctx.lineTo(right, bottom);
    ctx.stroke();

    const runs = (keep) => {
      const out = [[]];
      series.forEach((p, i) => {
        if (keep(p)) out[out.length - 1].push(i);
        else if (out[out.length - 1].length) out.push([]);
      });
      return out.filter((r) => r.length);
    };
    ctx.fillStyle = 'rgba(166, 199, 234, 0.6)';
    for (const run of runs((p) => p.lower != null && p.upper != null)) {
      ctx.beginPath();
      run.forEach((i, k) => (k ? ctx.lineTo(X(i), Y(series[i].upper)) : ctx.moveTo(X(i), Y(series[i].upper))));
      for (let k = run.length - 1; k >= 0; k--) ctx.lineTo(X(run[k]), Y(series[run[k]].lower));
      ctx.closePath();
      ctx.fill();
    }
    ctx.strokeStyle = '#425462';
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    for (const run of runs((p) => p.benchmark != null)) {
      ctx.beginPath();
      run.forEach((i, k) => (k ? ctx.lineTo(X(i), Y(series[i].benchmark)) : ctx.moveTo(X(i), Y(series[i].benchmark))));
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.strokeStyle = '#005eb8';
    ctx.lineWidth = 3;
    for (const run of runs((p) => p.value != null)) {
      ctx.beginPath();
      run.forEach((i, k) => (k ? ctx.lineTo(X(i), Y(series[i].value)) : ctx.moveTo(X(i), Y(series[i].value))));
      ctx.stroke();
    }
    ctx.fillStyle = '#005eb8';
    series.forEach((p, i) => {
      if (p.value == null) return;
      ctx.beginPath();
      ctx.arc(X(i), Y(p.value), 3.5, 0, 2 * Math.PI);
      ctx.fill();
    });
    ctx.strokeStyle = '#330072';
    ctx.lineWidth = 2;
    series.forEach((p, i) => {
      if (p.target == null) return;
      const x = X(i);
      const y = Y(p.target);
      ctx.beginPath();
      ctx.moveTo(x - 5, y - 5);
      ctx.lineTo(x + 5, y + 5);
      ctx.moveTo(x + 5, y - 5);
      ctx.lineTo(x - 5, y + 5);
      ctx.stroke();
    });
  }

  load();
})();
