// Scorecard Explorer host snippet: resizes each <iframe data-scorecard-explorer> to the
// height its page reports, so the scorecard never shows an inner scrollbar.
// Use: <script src=".../embed.js" defer></script> on the host page (no inline script needed).
(function () {
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'scorecard-explorer:height' || typeof data.height !== 'number') return;
    var frames = document.querySelectorAll('iframe[data-scorecard-explorer]');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(data.height) + 'px';
      }
    }
  });
})();
