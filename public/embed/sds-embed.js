/*
 * SDS Sync Monitor: helper for the page that embeds the dashboard in an iframe.
 *
 *   <iframe data-sds-sync-monitor src="https://dashboard.example/sync/?view=compact" title="SDS sync status"></iframe>
 *   <script src="https://dashboard.example/sync/embed/sds-embed.js" defer></script>
 *
 * - Sets each marked iframe's height to the dashboard's content height, unless the iframe
 *   is marked data-sds-sync-monitor="fixed-height".
 * - Fires a CustomEvent "sds-sync-monitor:summary" on the iframe whenever the dashboard's
 *   summary changes; event.detail is { worst, counts }.
 * - window.SdsSyncMonitorEmbed.setTheme(iframe, "light" | "dark" | "auto") switches the
 *   dashboard's theme, also for a dashboard that is still loading or reloads later.
 *
 * Messages are accepted only from a marked iframe's own window and from the origin of its
 * src, and sent only to that origin. No dependencies, no inline code, no eval, and styles are
 * set through the CSSOM, so the script works under a strict Content-Security-Policy.
 * The message format is documented in docs/embedding.md of SDS Sync Monitor.
 */
(function () {
  'use strict';

  var PROTOCOL_VERSION = 1;
  var FRAME_SELECTOR = 'iframe[data-sds-sync-monitor]';
  var THEMES = ['light', 'dark', 'auto'];
  // A sanity limit in CSS pixels, so a faulty page cannot make the frame grow without end.
  var MAX_HEIGHT = 100000;

  // Theme chosen for each iframe, and whether the dashboard now running in it is known to
  // have received it.
  var themes = new WeakMap();

  function frameOrigin(iframe) {
    try {
      var url = new URL(iframe.src, document.baseURI);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
    } catch {
      return null;
    }
  }

  function findFrame(source) {
    var frames = document.querySelectorAll(FRAME_SELECTOR);
    for (var index = 0; index < frames.length; index += 1) {
      if (frames[index].contentWindow === source) {
        return frames[index];
      }
    }
    return null;
  }

  function postTheme(iframe, theme) {
    var origin = frameOrigin(iframe);
    if (origin === null || iframe.contentWindow === null) {
      return false;
    }
    iframe.contentWindow.postMessage({ type: 'sds-sync-monitor:set-theme', version: PROTOCOL_VERSION, theme: theme }, origin);
    return true;
  }

  function applyHeight(iframe, height) {
    if (typeof height !== 'number' || !isFinite(height) || height <= 0) {
      return;
    }
    if (iframe.getAttribute('data-sds-sync-monitor') === 'fixed-height') {
      return;
    }
    iframe.style.height = Math.min(Math.ceil(height), MAX_HEIGHT) + 'px';
  }

  function announceSummary(iframe, data) {
    var worst = typeof data.worst === 'string' ? data.worst : null;
    var counts = {};
    if (data.counts !== null && typeof data.counts === 'object') {
      Object.keys(data.counts).forEach(function (state) {
        var count = data.counts[state];
        if (typeof count === 'number' && isFinite(count)) {
          counts[state] = count;
        }
      });
    }
    iframe.dispatchEvent(new CustomEvent('sds-sync-monitor:summary', { detail: { worst: worst, counts: counts } }));
  }

  // A height message proves that the dashboard in the frame is listening right now, while a
  // message posted earlier may have reached a page that was still loading. So the chosen
  // theme is sent again on the first height message after each choice or reload.
  function confirmTheme(iframe) {
    var chosen = themes.get(iframe);
    if (chosen !== undefined && !chosen.confirmed) {
      chosen.confirmed = postTheme(iframe, chosen.theme);
    }
  }

  window.addEventListener('message', function (event) {
    var iframe = findFrame(event.source);
    if (iframe === null || event.origin !== frameOrigin(iframe)) {
      return;
    }
    var data = event.data;
    if (data === null || typeof data !== 'object' || data.version !== PROTOCOL_VERSION) {
      return;
    }

    if (data.type === 'sds-sync-monitor:height') {
      applyHeight(iframe, data.height);
      confirmTheme(iframe);
    } else if (data.type === 'sds-sync-monitor:summary') {
      announceSummary(iframe, data);
    }
  });

  // "load" does not bubble, so it is caught in the capture phase for every iframe, also
  // those added after this script ran.
  document.addEventListener(
    'load',
    function (event) {
      var chosen = event.target instanceof HTMLIFrameElement ? themes.get(event.target) : undefined;
      if (chosen !== undefined) {
        chosen.confirmed = false;
      }
    },
    true,
  );

  function setTheme(iframe, theme) {
    if (!(iframe instanceof HTMLIFrameElement) || !iframe.matches(FRAME_SELECTOR)) {
      throw new TypeError('SdsSyncMonitorEmbed.setTheme: expected an <iframe data-sds-sync-monitor> element as the first argument.');
    }
    if (THEMES.indexOf(theme) === -1) {
      throw new TypeError(
        'SdsSyncMonitorEmbed.setTheme: invalid theme ' + JSON.stringify(theme) + '; expected one of ' + THEMES.join(', ') + '.',
      );
    }
    postTheme(iframe, theme);
    themes.set(iframe, { theme: theme, confirmed: false });
  }

  window.SdsSyncMonitorEmbed = { version: PROTOCOL_VERSION, setTheme: setTheme };
})();
