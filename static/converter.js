// Scorecard Explorer: the page's side of the publisher's workbook converter, a Web Worker
// started only when a workbook is opened. scripts/finish-dist.sh writes its script's name
// and SRI hash below (and puts this file in start.js, under the page's own check). The
// script is fetched and checked against the hash before the worker is started from the
// same URL, so a changed or half-copied file never runs; the worker checks its own wasm
// (static/converter-worker.js). The app (web::host::convert) hands it the files and reads
// the answer; why there is none is a tag of the app's `workbook::job::Stopped`, and the
// two time limits are the app's too. (start.js keeps it in a block of its own.)
const WORKER = '';
const WORKER_INTEGRITY = '';
// Why a check failed: the file is there but not this build's, or it could not be had.
const refused = (url) =>
  fetch(url, { method: 'HEAD', cache: 'no-store' }).then((r) => (r.ok ? 'altered' : 'missing'), () => 'missing');
const checked = (url) =>
  fetch(url, { integrity: WORKER_INTEGRITY }).then(
    (r) => (r.ok ? url : Promise.reject('missing')),
    () => refused(url).then((tag) => Promise.reject(tag)));
window.scorecardExplorerPrefetch.convert = (files, startSeconds, answerSeconds) =>
  (WORKER ? checked(new URL(WORKER, import.meta.url)) : Promise.reject('missing')).then((url) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(url);
      let timer;
      const end = (settle, value) => {
        clearTimeout(timer);
        worker.terminate();
        settle(value);
      };
      const within = (seconds, tag) => {
        clearTimeout(timer);
        timer = setTimeout(() => end(reject, tag), seconds * 1000);
      };
      // A script error in the worker, or one it could not start with.
      worker.onerror = () => end(reject, 'crashed');
      // 'ready' once its wasm has started, then the answer, or a tag for why there is none.
      worker.onmessage = ({ data }) => {
        if (data === 'ready') {
          within(answerSeconds, 'no-answer');
          try {
            worker.postMessage(files);
          } catch (_) {
            end(reject, 'crashed');
          }
        } else if (typeof data === 'string') end(reject, data);
        else end(resolve, data);
      };
      within(startSeconds, 'no-start');
    }));
