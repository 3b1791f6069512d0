#!/usr/bin/env bash
# After trunk: makes dist/ run under a strict Content-Security-Policy, embeddable, and
# checked end to end against the hashes written here, once:
#  - start.js is the page's one script of the app: static/crash.js, static/prefetch.js,
#    static/converter.js and the explorer's wasm-bindgen glue in one file (trunk's inline
#    start-up script and its glue file go), so no part of it is fetched by an `import`
#    that no integrity check covers. It finds the wasm relative to itself, so a host page
#    at another path can load it;
#  - index.html asks for start.js first of all (it starts the wasm, the settings and the
#    bundle downloading), with trunk's preload link for the wasm moved up beside it to
#    match its fetch, and then for crash.js (deferred), which shows the crash page if
#    start.js is refused, as start.js does if crash.js is; both carry `integrity`;
#  - start.js carries the wasm's SRI hash and the workbook converter's: the converter's
#    worker is one script (its glue and static/converter-worker.js, with its wasm's hash),
#    checked by the page before it is started;
#  - the stylesheet is also copied to a stable name for host pages to link;
#  - the explorer's and the converter's files are named after a hash of what they hold
#    (so a new version is never hidden by a cache).
set -euo pipefail
dist=${1:?usage: finish-dist.sh DIST}
# Short names for what each wasm and its JS share (7.6 KB less gzipped for the
# explorer), before anything below hashes the files; trunk's integrity attributes for
# them in index.html are brought up to date. Below, both pairs are then named after a
# hash of what they now hold.
for wasm in "$dist"/scorecard-explorer-*_bg.wasm "$dist"/workbook-worker_bg.wasm; do
    if [ -e "$wasm" ]; then python3 "$(dirname "$0")/short-wasm-names.py" "$wasm" "${wasm%_bg.wasm}.js" "$dist/index.html"; fi
done
# The supported browsers (README, "Supported browsers") are those whose WebAssembly has
# these features: written here once. Each wasm is validated against them, and the build
# stops if it needs one more; static/baseline.wat, assembled with exactly these, is what
# static/crash.js (at the top of start.js) asks a browser to validate before the app starts.
BASELINE="mutable-globals sign-ext nontrapping-float-to-int bulk-memory reference-types multivalue"
enable=()
for feature in $BASELINE; do enable+=("--enable-$feature"); done
for wasm in "$dist"/scorecard-explorer-*_bg.wasm "$dist"/workbook-worker_bg.wasm; do
    [ -e "$wasm" ] || continue
    if ! said=$(wasm-opt --mvp-features "${enable[@]}" "$wasm" -o /dev/null 2>&1); then
        echo "finish-dist: $(basename "$wasm") needs a WebAssembly feature beyond the supported browsers' ($BASELINE):" >&2
        echo "$said" | grep -m1 "error" >&2
        exit 1
    fi
done
probe=$(mktemp)
wasm-as --mvp-features "${enable[@]}" "$(dirname "$0")/../static/baseline.wat" -o "$probe"
export BASELINE_PROBE
BASELINE_PROBE=$(base64 -w0 "$probe")
rm -f "$probe"
python3 - "$dist" "$(dirname "$0")/../static" <<'PY'
import base64, hashlib, os, pathlib, re, shutil, sys
dist = pathlib.Path(sys.argv[1])
static = pathlib.Path(sys.argv[2])
index = dist / "index.html"
html = index.read_text()
sri = lambda data: "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def fill(text, name, value, where):
    """Writes `value` into the script's one `const NAME = '...';` line."""
    text, n = re.subn(r"const " + name + r" = '[^']*';", f"const {name} = '{value}';", text)
    if n != 1:
        sys.exit(f"finish-dist: {where} has no `const {name} = '...';` line to fill in")
    return text


def stripped(text, where):
    """The script without its comment lines and JSDoc blocks, which are for people reading
    the source (3 KB less gzipped for start.js, and start.js and crash.js together then
    weigh what prefetch.js, start.js and the glue did apart). Code lines are kept as they
    are: a template literal spanning lines, whose lines this could change, stops the build."""
    text = re.sub(r"^[ \t]*/\*\*.*?\*/[ \t]*\n", "", text, flags=re.S | re.M)
    text = re.sub(r"^[ \t]*//.*\n", "", text, flags=re.M)
    for line in text.splitlines():
        if line.count("`") % 2:
            sys.exit(f"finish-dist: {where} has a template literal over several lines: {line.strip()[:80]}")
    return text


def by_content(stem, js_path, wasm_path):
    """Names a JS and wasm pair after a hash of what they hold, as `stem-<hash>`: a name
    cached as immutable must never stand for other content, and trunk hashed the
    explorer's files before the short names rewrote them (the worker's it names not at all)."""
    digest = hashlib.sha256(js_path.read_bytes() + wasm_path.read_bytes()).hexdigest()[:16]
    base = f"{stem}-{digest}"
    js_path.rename(dist / f"{base}.js")
    wasm_path.rename(dist / f"{base}_bg.wasm")
    return base


old = next(dist.glob("scorecard-explorer-*.js")).name[: -len(".js")]
new = by_content("scorecard-explorer", dist / f"{old}.js", dist / f"{old}_bg.wasm")
wasm = f"{new}_bg.wasm"
# The explorer's glue goes into start.js: without its one `export` line, it must import nothing.
glue_path = dist / f"{new}.js"
glue = glue_path.read_text()
glue, n = re.subn(r"^export \{ initSync, __wbg_init as default \};\n?", "", glue, flags=re.M)
if n != 1 or re.search(r"^\s*(import|export)\b", glue, flags=re.M):
    sys.exit(f"finish-dist: {glue_path.name} does not end with wasm-bindgen's one export as expected, or imports")
glue_path.unlink()
html, n = re.subn(r'\s*<link rel="modulepreload" href="\./' + re.escape(old) + r'\.js"[^>]*>', "", html)
if n != 1:
    sys.exit(f"finish-dist: expected one modulepreload link for {old}.js in index.html, found {n}")

# The workbook converter's worker: its glue and static/converter-worker.js, with its wasm's hash.
worker = ""
worker_js, worker_wasm = dist / "workbook-worker.js", dist / "workbook-worker_bg.wasm"
if worker_js.exists():
    (dist / "workbook-worker_loader.js").unlink(missing_ok=True)
    starter = fill((static / "converter-worker.js").read_text(), "WASM_INTEGRITY", sri(worker_wasm.read_bytes()), "static/converter-worker.js")
    worker_js.write_text(stripped(worker_js.read_text() + "\n" + starter, "the converter's worker"))
    worker = f"./{by_content('workbook-worker', worker_js, worker_wasm)}.js"
worker_sri = sri((dist / worker).read_bytes()) if worker else ""

prefetch = (static / "prefetch.js").read_text()
prefetch = fill(fill(prefetch, "WASM", f"./{wasm}", "static/prefetch.js"), "WASM_INTEGRITY", sri((dist / wasm).read_bytes()), "static/prefetch.js")
converter = fill(fill((static / "converter.js").read_text(), "WORKER", worker, "static/converter.js"), "WORKER_INTEGRITY", worker_sri, "static/converter.js")
block = lambda text: "{\n" + text.rstrip() + "\n}\n"
crash = stripped(fill((static / "crash.js").read_text(), "BASELINE_PROBE", os.environ["BASELINE_PROBE"], "static/crash.js"), "static/crash.js")
start = f"""{crash}
{block(prefetch)}
{block(converter)}
let init;
{block(glue + "init = __wbg_init;")}
// The app itself, once the page's content is there to mount in and its deferred scripts
// (crash.js) have run, as they have when DOMContentLoaded fires: this script runs as soon
// as it arrives, which may be while the page is still being read, or after it was read
// and before those scripts ran (the page is then "interactive" already). Else the page's
// load, which comes after both.
const navigation = performance.getEntriesByType?.('navigation')[0];
if (document.readyState !== 'complete' && !(navigation?.domContentLoadedEventStart > 0)) {{
  await new Promise((done) => {{
    document.addEventListener('DOMContentLoaded', done, {{ once: true }});
    addEventListener('load', done, {{ once: true }});
  }});
}}
// Not when crash.js (deferred, so it has run by now) was refused: the crash page shows
// instead; nor without WebAssembly, or in a browser older than the supported ones (its
// WebAssembly lacks a feature the app uses), where a notice says so (static/crash.js).
const prefetched = window.scorecardExplorerPrefetch;
if (!prefetched.supported) {{
  const fallback = await prefetched.defaultBundle;
  const name = prefetched.named(new URLSearchParams(location.search).get('bundle'))?.name;
  // Only a bundle on the page's own site is linked; anything else, the default.
  const named = name && new URL(name, document.baseURI);
  const bundle = named && named.origin === location.origin && /^https?:$/.test(named.protocol) ? named.href : fallback;
  crash.withoutWasm(bundle, bundle === fallback);
}} else if (!crash.unran((script) => !script.async)) {{
  try {{
    await init({{ module_or_path: window.scorecardExplorerPrefetch.wasm }});
  }} catch (e) {{
    // A panic while the app first renders, or a module that cannot start at all.
    crashed(e, !(e instanceof WebAssembly.RuntimeError));
  }}
}}
"""
start = stripped(start, "start.js")
made = "// Generated by scripts/finish-dist.sh from {} (read the comments there).\n"
(dist / "start.js").write_text(made.format("static/crash.js, static/prefetch.js, static/converter.js and wasm-bindgen's glue") + start)
(dist / "crash.js").write_text(made.format("static/crash.js") + crash)
html, n = re.subn(r'\s*<script type="module">.*?</script>', "", html, flags=re.S)
if n != 1:
    sys.exit(f"finish-dist: expected one inline module script in index.html, found {n}")
# The wasm starts downloading as soon as the browser reads the page's head, before any
# script has arrived: trunk's preload link moves up, next to start.js (which starts it
# sooner than at the end of the head), written as the request start.js makes (same
# URL and CORS mode), so that its fetch takes the preloaded response and the wasm is
# downloaded once. Without `integrity`: Chromium ignores it on a fetch preload, with a
# console warning; start.js's fetch checks the hash of the response it takes.
html, n = re.subn(r'\s*<link rel="preload" href="\./' + re.escape(old) + r'_bg\.wasm"[^>]*>', "", html)
if n != 1:
    sys.exit(f"finish-dist: expected one preload link for {old}_bg.wasm in index.html, found {n}")
# Subresource integrity: the page refuses a start.js or crash.js that is not this build's.
tags = "\n  ".join([
    f'<script type="module" async src="./start.js" integrity="{sri((dist / "start.js").read_bytes())}"></script>',
    f'<link rel="preload" href="./{wasm}" as="fetch" type="application/wasm" crossorigin="anonymous">',
    f'<script type="module" src="./crash.js" integrity="{sri((dist / "crash.js").read_bytes())}"></script>',
])
html, n = re.subn(r'(<meta charset="utf-8">)', lambda m: m.group(1) + "\n  " + tags, html, count=1)
if n != 1:
    sys.exit('finish-dist: index.html has no <meta charset="utf-8"> to put start.js after')
if re.search(r'<script(?![^>]*\bsrc=)[^>]*>', html) or re.search(r'\sstyle=', html):
    sys.exit("finish-dist: index.html still has an inline script or style")
index.write_text(html)
css = next(dist.glob("main-*.css"))
shutil.copyfile(css, dist / "scorecard-explorer.css")
PY
