#!/usr/bin/env bash
# Writes the default scorecard's first view (header, overview, filters, first screen of
# items) into DIST/index.html as static HTML, so a person reads the scorecard while the
# wasm downloads; the app takes the page over once it has drawn the same view.
#
#   scripts/prerender.sh dist
#
# Run after scripts/finish-dist.sh (scripts/setup.sh's build_dist does), and again by a
# publisher after replacing bundles/ or explorer-config.json: the view is the one the app
# shows for the settings' `default_bundle`. Running it again replaces the earlier view.
# Needs python3 and Chromium (headless); nothing is fetched but the site itself, served on
# 127.0.0.1 from a private copy (never published) with scripts/prerender-capture.js added.
set -euo pipefail
dist=${1:?usage: prerender.sh DIST}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python3 - "$dist" "$here/prerender-capture.js" <<'PY'
import base64, functools, hashlib, http.server, pathlib, re, shutil, subprocess, sys, tempfile, threading

dist, capture = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
index = dist / "index.html"
START, END = "<!-- prerendered by scripts/prerender.sh -->", "<!-- /prerendered -->"


def die(why):
    sys.exit(f"prerender: {why}; {index} is left as it was")


if not index.exists():
    sys.exit(f"prerender: no {index}: build the site first")
chromium = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
if not chromium:
    die("Chromium is not installed (Debian: apt-get install chromium)")

html = index.read_text()
# The page as it is without a prerendered view (a second run starts from the same page).
html = re.sub(re.escape(START) + ".*?" + re.escape(END) + r"\n?", "", html, flags=re.S)

with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    # Served at a sub-path, as a council may publish it: the view must not depend on it.
    site = tmp / "site" / "scorecard"
    shutil.copytree(dist, site)
    shutil.copyfile(capture, site / "prerender-capture.js")
    (site / "index.html").write_text(html.replace("</body>", '<script src="./prerender-capture.js"></script>\n</body>', 1))

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=tmp / "site"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/scorecard/"
    try:
        # Virtual time runs ahead while the wasm compiles on a busy machine: once more, longer.
        for budget in (30_000, 120_000):
            out = subprocess.run(
                [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp / 'profile'}", "--dump-dom", f"--virtual-time-budget={budget}",
                 "--window-size=1280,900", url],
                capture_output=True, text=True, timeout=300)
            if '<div id="se-prerendered">' in out.stdout or 'id="se-prerender-failed"' in out.stdout:
                break
    except subprocess.TimeoutExpired:
        die("Chromium did not finish within 300 s")
    finally:
        server.shutdown()

body = re.search(r"<body[^>]*>(.*)</body>", out.stdout, re.S)
body = body.group(1).strip() if body else ""
failed = re.search(r'<p id="se-prerender-failed">(.*?)</p>', body, re.S)
if failed:
    die(failed.group(1))
if not body.startswith('<div id="se-prerendered">') or not body.endswith("</div>"):
    die("the app did not show the default scorecard in headless Chromium "
        + (f"(Chromium said: {out.stderr.strip()[-500:]})" if out.returncode else ""))
# The page's Content-Security-Policy allows no inline script or style.
if re.search(r"<script|<[^>]*\s(style|on[a-z]+)=", body, re.I):
    die("the captured view holds a script, a style attribute or an event handler")

view = f"{START}\n{body}\n{END}\n"
html, n = re.subn(r"(<noscript>.*?</noscript>\n?)", lambda m: m.group(1) + view, html, count=1, flags=re.S)
if n != 1:
    html, n = re.subn(r"(<body[^>]*>\n?)", lambda m: m.group(1) + view, html, count=1)
if n != 1:
    die("index.html has no <body>")
index.write_text(html)
cards = body.count('class="item-card"')
print(f"prerender: {index} carries the default scorecard's first view ({cards} items, {len(body):,} bytes)", file=sys.stderr)
PY
