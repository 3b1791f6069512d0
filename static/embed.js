// Scorecard Explorer host snippet: resizes each <iframe data-scorecard-explorer> to the
// height its page reports, so the scorecard never shows an inner scrollbar, and lets it
// shrink again when the view gets shorter. Only a message from the iframe's own
// window and from the origin of its src counts: a page the iframe later navigates to
// cannot resize it.
// Use: <script src=".../embed.js" defer></script> on the host page (no inline script needed).
(function () {
  // The app's `config::HEIGHT_MESSAGE` (tests/boundary.rs checks the two agree).
  var HEIGHT_MESSAGE = 'scorecard-explorer:height';
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== HEIGHT_MESSAGE || typeof data.height !== 'number') return;
    if (!(data.height >= 0 && data.height < 1e6)) return;
    var frames = document.querySelectorAll('iframe[data-scorecard-explorer]');
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      var origin;
      try { origin = new URL(frame.src, document.baseURI).origin; } catch (e) { continue; }
      if (event.origin !== origin) continue;
      frame.style.height = Math.ceil(data.height) + 'px';
    }
  });
})();
