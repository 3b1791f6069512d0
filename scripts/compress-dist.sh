#!/usr/bin/env bash
# Writes a brotli (.br) and a gzip (.gz) copy beside each file a browser downloads from
# DIST, for servers that send them as they are (README "Deploying"). The last step of a
# build, after `scorecard-explorer prerender` has written index.html.
set -euo pipefail
dist=${1:?usage: compress-dist.sh DIST}
# Precompressed copies beside each file a browser downloads, for servers that send them
# as they are (README "Deploying"): gzip here, brotli with Node's zlib (Node is already
# needed for wasm-opt). The integrity hashes (finish-dist.sh) are of the uncompressed files, which is
# what the browser checks after decoding.
python3 - "$dist" <<'PY'
import gzip, pathlib, sys
dist = pathlib.Path(sys.argv[1])
for f in sorted(dist.rglob("*")):
    if f.suffix in (".wasm", ".js", ".css", ".json", ".svg", ".html") and f.is_file():
        f.with_name(f.name + ".gz").write_bytes(gzip.compress(f.read_bytes(), 9, mtime=0))
PY
node -e '
const fs = require("fs"), path = require("path"), zlib = require("zlib");
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
for (const f of walk(process.argv[1])) {
  if (!/\.(wasm|js|css|json|svg|html)$/.test(f)) continue;
  const quality = { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: fs.statSync(f).size };
  fs.writeFileSync(f + ".br", zlib.brotliCompressSync(fs.readFileSync(f), { params: quality }));
}' "$dist"
