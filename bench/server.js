#!/usr/bin/env node
// A static file server for the benchmark, on 127.0.0.1 only, on a free port.
//
//   node server.js [--real] [--tls KEY.pem,CERT.pem] /app=DIST_DIR /baseline=BASELINE_DIR /data=BUNDLE_DIR
//
// --real: answers as a real host would, for the first- and repeat-visit figures: a
// precompressed .br or .gz beside the file when the browser accepts it, otherwise gzip made
// on the fly for text types; hashed file names cached as immutable, everything else
// revalidated (ETag, 304).
// --tls: HTTPS, as a real host serves a site: HTTP/2 where the browser offers it (ALPN),
// else HTTP/1.1. Chromium asks a host for brotli (Accept-Encoding: br) only over HTTPS
// (it asks 127.0.0.1 and localhost over plain HTTP too), so this is where a real host's
// .br copies are used.
//
// Prints "PORT <n>" on stdout once listening. Every answer carries Cache-Control:
// no-store (so each run fetches everything again) and the right Content-Type, notably
// application/wasm for .wasm (streaming compilation needs it). Runs in its own process,
// so that serving a 50 MB bundle never competes with the measuring process's event loop.
'use strict';

const http = require('http');
const http2 = require('http2');
const fs = require('fs');
const path = require('path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const zlib = require('zlib');
const args = process.argv.slice(2);
let real = false;
let tls = null;
while (args.length && args[0].startsWith('--')) {
  const a = args.shift();
  if (a === '--real') real = true;
  else if (a === '--tls') {
    const [key, cert] = String(args.shift() || '').split(',');
    tls = { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
  } else throw new Error(`unknown option ${a}`);
}
const mounts = args.map((arg) => {
  const i = arg.indexOf('=');
  if (i < 1) throw new Error(`bad mount ${arg}: expected /PREFIX=DIR`);
  return { prefix: arg.slice(0, i).replace(/\/$/, '') + '/', dir: path.resolve(arg.slice(i + 1)) };
});

const handler = (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    pathname = '';
  }
  const send = (status, body, type) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
  // "/app" without the slash would make the app's relative URLs wrong.
  const bare = mounts.find((m) => pathname === m.prefix.slice(0, -1));
  if (bare) {
    res.writeHead(301, { Location: bare.prefix + url.search });
    return res.end();
  }
  const mount = mounts.find((m) => pathname.startsWith(m.prefix));
  if (!mount) return send(404, 'not found', 'text/plain');
  const rel = pathname.slice(mount.prefix.length) || 'index.html';
  if (rel.split('/').includes('..')) return send(403, 'forbidden', 'text/plain');
  let file = path.join(mount.dir, rel);
  fs.stat(file, (err, st) => {
    if (!err && st.isDirectory()) file = path.join(file, 'index.html');
    fs.stat(file, (err2, st2) => {
      if (err2 || !st2.isFile()) return send(404, 'not found', 'text/plain');
      if (real) return serveReal(req, res, file, st2);
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Length': st2.size,
        'Cache-Control': 'no-store',
      });
      fs.createReadStream(file).pipe(res);
    });
  });
};
const server = tls ? http2.createSecureServer({ ...tls, allowHTTP1: true }, handler) : http.createServer(handler);

// Text types a real server compresses when no precompressed copy is there.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.svg']);
const gzipped = new Map();
function serveReal(req, res, file, st) {
  const ext = path.extname(file).toLowerCase();
  const tag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
  const hashed = /-[0-9a-f]{10,16}(_bg|_loader)?\.(wasm|js|css)$/.test(file);
  const headers = {
    'Content-Type': TYPES[ext] || 'application/octet-stream',
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: tag,
    Vary: 'Accept-Encoding',
  };
  if (req.headers['if-none-match'] === tag) {
    res.writeHead(304, headers);
    return res.end();
  }
  const accepts = String(req.headers['accept-encoding'] || '');
  for (const [enc, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
    if (accepts.includes(enc) && fs.existsSync(file + suffix)) {
      const body = fs.readFileSync(file + suffix);
      res.writeHead(200, { ...headers, 'Content-Encoding': enc, 'Content-Length': body.length });
      return res.end(body);
    }
  }
  if (accepts.includes('gzip') && COMPRESSIBLE.has(ext)) {
    const key = `${file} ${tag}`;
    if (!gzipped.has(key)) gzipped.set(key, zlib.gzipSync(fs.readFileSync(file), { level: 6 }));
    const body = gzipped.get(key);
    res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
    return res.end(body);
  }
  res.writeHead(200, { ...headers, 'Content-Length': st.size });
  fs.createReadStream(file).pipe(res);
}

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PORT ${server.address().port}\n`);
});
// Stop with the parent.
process.on('disconnect', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
