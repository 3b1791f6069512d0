#!/usr/bin/env node
// Writes deterministic synthetic scorecard bundles (format "hwb-scorecard", version 1)
// for the benchmark: bundle-<N>.json for each size, and manifest.json naming, per
// bundle, the ids of a metric with exactly 20 points and one with exactly 120 points.
//
//   node gen-bundles.js OUTDIR [--sizes 100,1000,10000] [--seed 20240331]
//
// The same seed gives byte-identical files. Every bundle passes the viewer's validation
// (unique ids, resolving references, exact words, finite numbers, lower <= value <=
// upper, one point per date) and stays under the viewer's 64 MiB limit.
'use strict';

const fs = require('fs');
const path = require('path');

const MAX_BYTES = 64 * 1024 * 1024;

// ---- seeded PRNG (mulberry32) ------------------------------------------------------
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
    normal: () => {
      const u = Math.max(next(), 1e-12);
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    weighted: (pairs) => {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [v, w] of pairs) {
        if ((x -= w) < 0) return v;
      }
      return pairs[pairs.length - 1][0];
    },
  };
  return r;
}

// ---- vocabulary ---------------------------------------------------------------------
const WORKSTREAMS = [
  ['learning', 'Learning', 'Every child and young person has the best start in life and achieves their potential', 'Julia Ridge'],
  ['caring', 'Caring', 'People are supported to live independently at home for as long as possible', 'Stephen Chandler'],
  ['safe', 'Safe', 'Children and adults are safe from harm, abuse and neglect', 'Claire Winter'],
  ['living', 'Living', 'People live healthy lives and make healthy choices', 'Trudi Grant'],
  ['growing', 'Growing', 'Communities are resilient, with good housing, work and skills', 'Paula Hewitt'],
  ['connected', 'Connected', 'People are connected to their communities and to the services they need', 'Mel Lock'],
  ['mental-health', 'Mental health', 'Mental health is everybody’s business: parity of esteem for mental and physical health', 'Andrew Keefe'],
  ['outcomes', 'Overall outcomes', 'Reduce the gap in healthy life expectancy between the most and least deprived areas', 'Alison Bell'],
];
const AREAS = ['Mendip', 'Sedgemoor', 'South Somerset', 'Somerset West and Taunton', 'Taunton Deane', 'West Somerset',
  'Bridgwater', 'Yeovil', 'Frome', 'Minehead', 'Chard', 'Wellington', 'Glastonbury', 'Shepton Mallet', 'Burnham-on-Sea'];
const POPULATIONS = ['adults (aged 18+)', 'children in Reception', 'children in Year 6', 'people aged 65 and over',
  'adults with a learning disability', 'pregnant women at the time of delivery', 'young people aged 16 to 17',
  'adults in contact with secondary mental health services', 'people aged 75 and over', 'working-age adults',
  'carers', 'looked-after children', 'care leavers aged 19 to 21', 'people from the most deprived quintile'];
const BEHAVIOURS = [
  ['who are physically active', '%', 'higher_is_better', 45, 80],
  ['who smoke', '%', 'lower_is_better', 8, 22],
  ['classified as overweight or obese', '%', 'lower_is_better', 20, 68],
  ['who received a seasonal flu vaccination', '%', 'higher_is_better', 40, 80],
  ['living in stable and appropriate accommodation', '%', 'higher_is_better', 55, 90],
  ['in paid employment', '%', 'higher_is_better', 5, 75],
  ['who feel they have as much social contact as they would like', '%', 'higher_is_better', 25, 50],
  ['who use services and feel safe', '%', 'higher_is_better', 60, 90],
  ['eating the recommended five portions of fruit and vegetables a day', '%', 'higher_is_better', 40, 65],
  ['who are still at home 91 days after discharge into reablement', '%', 'higher_is_better', 70, 92],
];
const CAUSES = ['cardiovascular disease', 'cancer', 'respiratory disease', 'stroke', 'liver disease',
  'coronary heart disease', 'diabetes complications', 'COPD', 'suicide', 'injuries'];
const ADMISSIONS = ['intentional self-harm', 'falls in people aged 65 and over', 'hip fractures in people aged 65 and over',
  'asthma in under 19s', 'alcohol-related conditions', 'stroke', 'mental health conditions in under 18s',
  'ambulatory care sensitive conditions', 'dental caries in children aged 0 to 5'];
const SERVICES = ['NHS Health Checks', 'cervical screening', 'breast screening', 'bowel screening',
  'MMR2 vaccination at age 5', 'annual health checks for people with a learning disability',
  'smoking cessation (four-week quits)', 'drug treatment (non-opiate)', 'child development reviews at 2 to 2½ years',
  'new birth visits within 14 days'];
const ACTION_VERBS = ['Develop and implement', 'Commission', 'Roll out', 'Review and refresh', 'Deliver', 'Establish',
  'Agree and publish', 'Embed', 'Extend', 'Co-produce'];
const ACTION_OBJECTS = ['a county-wide falls prevention pathway', 'a social prescribing offer in every primary care network',
  'the Better Care Fund plan', 'an all-age autism strategy', 'a suicide prevention action plan', 'a whole-system approach to healthy weight',
  'the Joint Strategic Needs Assessment chapter on ageing well', 'a carers’ strategy', 'the local transformation plan for children’s mental health',
  'a homelessness reduction partnership', 'a stroke rehabilitation service closer to home', 'Health Impact Assessments of major planning applications',
  'the Mental Health Champions network', 'a digital inclusion programme for older people', 'the home-from-hospital discharge to assess model',
  'an integrated neighbourhood team', 'the Healthy Workplaces charter', 'a domestic abuse support service for the whole family'];
const ACTION_AIMS = ['to reduce inequalities in healthy life expectancy', 'to keep people independent at home for longer',
  'so that fewer people are admitted to hospital in an emergency', 'to improve outcomes for children and young people',
  'with the district councils and the voluntary sector', 'in partnership with primary care', 'across every locality',
  'so that people get help earlier', 'to support people with long-term conditions', 'in line with the Fit for My Future programme'];
const OPENERS = ['Performance has improved since the last edition', 'Performance has deteriorated since the last edition',
  'The position is broadly unchanged', 'Latest data show a small improvement', 'The most recent quarter was affected by winter pressures',
  'Data for the latest period are provisional', 'The indicator remains worse than the England average',
  'The indicator is now similar to the England average', 'The target was met for the third consecutive period',
  'The target was narrowly missed'];
const DETAILS = ['A deep dive was presented to the board in {month}.', 'The lead officer will report progress to the next meeting.',
  'Partners have agreed a recovery plan, with actions owned by the {area} locality.', 'Staffing vacancies in {area} continue to limit capacity.',
  'A new stroke pathway went live in {month} and early results are encouraging.', 'The commissioning review concluded in {month}.',
  'Numbers are small, so the rate fluctuates from period to period.', 'The voluntary sector has offered additional capacity in {area}.',
  'Funding for the pilot has been extended to March.', 'The definition changed in {month}, so earlier values are not strictly comparable.',
  'Primary care networks in {area} are piloting a new approach.', 'An action plan is being drafted with public health colleagues.',
  'Demand rose sharply over the summer.', 'Further analysis by deprivation quintile is under way.'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const CODES = ['PHOF', 'NHSOF', 'ASCOF', 'BCF', 'CCG OIS'];

const PERIODS = [
  { id: '2023-03', label: 'March 2023', end: '2023-03-31' },
  { id: '2023-09', label: 'September 2023', end: '2023-09-30' },
  { id: '2024-03', label: 'March 2024', end: '2024-03-31' },
];
const LAST_END = { y: 2024, m: 3 }; // every series ends by the latest period's end

// ---- generation ---------------------------------------------------------------------
function metricTitle(r) {
  const area = r.chance(0.7) ? ` – ${r.pick(AREAS)}` : '';
  switch (r.int(0, 4)) {
    case 0: {
      const [b, unit, pol, lo, hi] = r.pick(BEHAVIOURS);
      return { title: `Percentage of ${r.pick(POPULATIONS)} ${b}${area}`, unit, polarity: pol, lo, hi };
    }
    case 1:
      return { title: `Under 75 mortality rate from ${r.pick(CAUSES)}${area}`, unit: 'per 100,000', polarity: 'lower_is_better', lo: 10, hi: 160 };
    case 2:
      return { title: `Emergency hospital admissions for ${r.pick(ADMISSIONS)}${area}`, unit: 'per 100,000', polarity: 'lower_is_better', lo: 80, hi: 2400 };
    case 3:
      return { title: `Uptake of ${r.pick(SERVICES)} among ${r.pick(POPULATIONS)}${area}`, unit: '%', polarity: 'higher_is_better', lo: 35, hi: 96 };
    default:
      return r.chance(0.5)
        ? { title: `Delayed transfers of care from hospital, average days per day${area}`, unit: 'days', polarity: 'lower_is_better', lo: 5, hi: 60 }
        : { title: `Healthy life expectancy at birth (${r.pick(['male', 'female'])})${area}`, unit: 'years', polarity: 'higher_is_better', lo: 58, hi: 72 };
  }
}

function commentary(r) {
  const sub = (s) => s.replace('{month}', `${r.pick(MONTHS)} ${r.int(2022, 2024)}`).replace('{area}', r.pick(AREAS));
  let text = `${r.pick(OPENERS)}.`;
  const n = r.int(1, 3);
  for (let i = 0; i < n; i++) text += ' ' + sub(r.pick(DETAILS));
  return text;
}

const round1 = (v) => Math.round(v * 10) / 10;
const pad2 = (n) => String(n).padStart(2, '0');
function monthEnd(y, m) {
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate(); // m is 1-based; day 0 of next month
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

// n points, oldest first, ending at or before the latest period's end.
function series(r, n, spec, opts = {}) {
  const freq = opts.freq || (n <= 24 ? r.pick(['annual', 'quarterly']) : n <= 48 ? r.pick(['quarterly', 'monthly']) : 'monthly');
  const step = freq === 'annual' ? 12 : freq === 'quarterly' ? 3 : 1;
  const span = spec.hi - spec.lo;
  let v = spec.lo + span * (0.3 + 0.4 * r.next());
  let england = v + span * 0.08 * r.normal();
  const drift = span * 0.004 * r.normal();
  const hasTarget = !opts.full && r.chance(0.3);
  const target = round1(v * (spec.polarity === 'lower_is_better' ? 0.9 : 1.1));
  const clamp = (x) => Math.min(spec.hi * 1.2, Math.max(spec.lo * 0.5, x));
  const points = [];
  // Month index of the last point: the latest period's end month.
  let last = LAST_END.y * 12 + (LAST_END.m - 1);
  for (let i = n - 1; i >= 0; i--) {
    const mi = last - (n - 1 - i) * step;
    const y = Math.floor(mi / 12);
    const m = (mi % 12) + 1;
    // Annual points are financial years with a label; quarterly and monthly ones use a
    // month date (the format reads YYYY-MM as the month's end), quarters with a label.
    if (freq === 'annual') points.push({ date: monthEnd(y, m), label: `${y - 1}/${pad2(y % 100)}` });
    else if (freq === 'quarterly') points.push({ date: `${y}-${pad2(m)}`, label: `Q${Math.floor((m - 1) / 3) + 1} ${y}` });
    else points.push({ date: `${y}-${pad2(m)}` });
  }
  points.reverse();
  for (const p of points) {
    v = clamp(v + drift + span * 0.03 * r.normal());
    england = clamp(england + drift * 0.8 + span * 0.01 * r.normal());
    if (!opts.full && r.chance(0.01)) {
      p.value = null;
      continue;
    }
    const value = round1(v);
    const half = Math.max(0.1, round1(Math.abs(value) * (0.02 + 0.06 * r.next())));
    p.value = value;
    p.lower = round1(value - half);
    p.upper = round1(value + half);
    p.benchmark = round1(england);
    if (hasTarget) p.target = target;
  }
  return points;
}

function assessment(r, period, kind, isAction, last) {
  const a = { period };
  a.rag = r.weighted(isAction
    ? [['red', 12], ['amber', 25], ['green', 33], ['complete', 12], ['not_rated', 18]]
    : [['red', 18], ['amber', 27], ['green', 35], ['not_rated', 20]]);
  a.trend = r.weighted([['improving', 30], ['stable', 30], ['declining', 25], ['not_known', 15]]);
  if (kind === 'metric') a.benchmark = r.weighted([['better', 25], ['similar', 40], ['worse', 25], ['not_compared', 10]]);
  if (r.chance(last ? 0.85 : 0.4)) a.commentary = commentary(r);
  return a;
}

function generate(nItems, seed) {
  const r = rng(seed ^ (nItems * 2654435761));
  const workstreams = WORKSTREAMS.map(([id, label, title, lead]) => {
    const headlines = {};
    for (const p of PERIODS) headlines[p.id] = `${label}: ${commentary(r)} ${commentary(r)}`;
    return { id, label, title, lead, headlines };
  });
  const items = [];
  const chart = {};
  let actionsOf = WORKSTREAMS.map(() => []);
  for (let i = 0; i < nItems; i++) {
    const w = i % WORKSTREAMS.length;
    const ws = WORKSTREAMS[w][0];
    // About one item in four is an action; its metrics follow it.
    const isAction = i < WORKSTREAMS.length || r.chance(0.25);
    const id = `${ws}-${isAction ? 'a' : 'm'}${String(i).padStart(5, '0')}`;
    // Most items are in every edition; some are new in the later ones.
    const first = r.weighted([[0, 80], [1, 12], [2, 8]]);
    const assessments = PERIODS.slice(first).map((p, k, all) => assessment(r, p.id, isAction ? 'action' : 'metric', isAction, k === all.length - 1));
    if (isAction) {
      const item = {
        id, workstream: ws, kind: 'action',
        title: `${r.pick(ACTION_VERBS)} ${r.pick(ACTION_OBJECTS)} ${r.pick(ACTION_AIMS)}`,
        scope: 'local', assessments, series: [],
      };
      if (r.chance(0.5)) item.lead = `${r.pick(['Jo', 'Sam', 'Alex', 'Chris', 'Pat', 'Nicola', 'Tom', 'Rachel'])} ${r.pick(['Smith', 'Patel', 'Evans', 'Hughes', 'Clarke', 'Ward', 'Lewis'])}`;
      items.push(item);
      actionsOf[w].push(id);
      continue;
    }
    const spec = metricTitle(r);
    // The first two metrics are the chart figures: exactly 20 and exactly 120 points,
    // every point with a value, confidence limits and a benchmark.
    let n;
    let opts = {};
    if (!chart.chart20) { n = 20; opts = { full: true, freq: 'quarterly' }; }
    else if (!chart.chart120) { n = 120; opts = { full: true, freq: 'monthly' }; }
    else n = r.int(20, 120);
    const national = r.chance(0.5);
    const item = {
      id, workstream: ws, kind: 'metric', title: spec.title, scope: national ? 'national' : 'local',
    };
    if (national) item.code = `${r.pick(CODES)} ${r.int(1, 4)}.${r.int(1, 20)}${r.chance(0.3) ? r.pick(['i', 'ii', 'iii']) : ''}`;
    if (actionsOf[w].length) item.parent = r.pick(actionsOf[w].slice(-5));
    item.unit = spec.unit;
    item.polarity = spec.polarity;
    item.assessments = assessments;
    item.series = series(r, n, spec, opts);
    if (!chart.chart20) chart.chart20 = id;
    else if (!chart.chart120) chart.chart120 = id;
    items.push(item);
  }
  const context = [];
  for (const p of PERIODS) {
    context.push({ period: p.id, heading: 'Statutory duties and functions', entries: ['Undertake a Joint Strategic Needs Assessment', 'Undertake a pharmaceutical needs assessment', 'Develop a joint Health and Wellbeing Strategy'] });
    context.push({ period: p.id, heading: 'Reports received', entries: Array.from({ length: 5 }, () => `${r.pick(ACTION_VERBS)} ${r.pick(ACTION_OBJECTS)}`) });
  }
  const bundle = {
    format: 'hwb-scorecard',
    version: 1,
    board: {
      name: 'Benchshire Health and Wellbeing Board',
      area: 'Benchshire',
      vision: 'People living healthy and independent lives, supported by thriving and connected communities',
    },
    source: {
      title: `Synthetic benchmark scorecard, ${nItems} items`,
      publisher: 'Scorecard Explorer benchmark (bench/gen-bundles.js)',
      notes: `Generated with seed ${seed}. Every value is made up.`,
      illustrative: true,
    },
    periods: PERIODS,
    workstreams,
    items,
    context,
  };
  return { bundle, chart };
}

function main() {
  const args = process.argv.slice(2);
  let out = null;
  const opts = { '--sizes': '100,1000,10000', '--seed': '20240331' };
  for (let i = 0; i < args.length; i++) {
    if (args[i] in opts) opts[args[i]] = args[++i];
    else if (!args[i].startsWith('--') && out == null) out = args[i];
    else out = null, i = args.length; // anything else: show the usage
  }
  if (!out) {
    console.error('usage: gen-bundles.js OUTDIR [--sizes 100,1000,10000] [--seed N]');
    process.exit(2);
  }
  const sizes = String(opts['--sizes']).split(',').map(Number);
  const seed = Number(opts['--seed']);
  if (!sizes.every((n) => Number.isInteger(n) && n > 0) || !Number.isInteger(seed)) {
    console.error('gen-bundles.js: --sizes takes whole numbers, --seed a whole number');
    process.exit(2);
  }
  fs.mkdirSync(out, { recursive: true });
  const manifest = { seed, bundles: {} };
  for (const n of sizes) {
    const { bundle, chart } = generate(n, seed);
    const text = JSON.stringify(bundle);
    const bytes = Buffer.byteLength(text);
    if (bytes >= MAX_BYTES) throw new Error(`bundle of ${n} items is ${bytes} bytes, over the 64 MiB limit`);
    const file = `bundle-${n}.json`;
    fs.writeFileSync(path.join(out, file), text);
    const metrics = bundle.items.filter((i) => i.kind === 'metric');
    const points = metrics.reduce((s, i) => s + i.series.length, 0);
    manifest.bundles[n] = { file, bytes, items: n, metrics: metrics.length, points, chart20: chart.chart20, chart120: chart.chart120 };
    console.error(`  ${file}: ${n} items (${metrics.length} metrics, ${points} points), ${(bytes / 1048576).toFixed(1)} MiB`);
  }
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

if (require.main === module) main();
module.exports = { generate };
