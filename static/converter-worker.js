// Scorecard Explorer: starts the workbook converter inside its Web Worker.
// scripts/finish-dist.sh puts this after wasm-bindgen's glue in the worker's one script,
// which the page checks against its hash before starting the worker (static/converter.js),
// and writes the wasm's SRI hash below: a wasm that is not this build's is refused here.
// The page is told 'ready' once the wasm has started, or why it stopped, by a tag of the
// app's `workbook::job::Stopped`: nothing is left to fail unheard.
const WASM_INTEGRITY = '';
{
  const wasm = location.href.replace(/\.js$/, '_bg.wasm');
  const tell = (tag) => self.postMessage(tag);
  fetch(wasm, { integrity: WASM_INTEGRITY })
    .catch(() =>
      fetch(wasm, { method: 'HEAD', cache: 'no-store' }).then(
        (r) => Promise.reject(r.ok ? 'altered' : 'missing'),
        () => Promise.reject('missing')))
    .then((response) => wasm_bindgen({ module_or_path: response }))
    .then(
      () => {
        // The converter's handler (web::worker::serve): a trap in it is told, not lost.
        const serve = self.onmessage;
        self.onmessage = (e) => {
          try {
            serve(e);
          } catch (_) {
            tell('crashed');
          }
        };
        tell('ready');
      },
      (reason) => tell(typeof reason === 'string' ? reason : 'crashed'));
}
