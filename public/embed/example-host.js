// Script of example-host.html: points the iframe at the dashboard, shows the summary the
// dashboard sends, and forwards the theme choice. Kept out of the page so that the page
// works under a Content-Security-Policy without 'unsafe-inline'.
(function () {
  'use strict';

  var iframe = document.getElementById('dashboard');
  var summaryOutput = document.getElementById('summary');
  var themeChoice = document.getElementById('theme-choice');

  // The dashboard next to this folder, or the deployment named by ?app=.
  function dashboardUrl() {
    var requested = new URLSearchParams(window.location.search).get('app');
    var url = new URL(requested === null || requested === '' ? '../' : requested, window.location.href);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new Error('example-host.html: ?app= must be an http(s) address of SDS Sync Monitor, not ' + JSON.stringify(requested) + '.');
    }
    if (!url.searchParams.has('view')) {
      url.searchParams.set('view', 'compact');
    }
    return url.href;
  }

  function describeSummary(detail) {
    if (detail.worst === null) {
      return 'nothing is watched';
    }
    var parts = Object.keys(detail.counts)
      .filter(function (state) {
        return detail.counts[state] > 0;
      })
      .map(function (state) {
        return detail.counts[state] + ' ' + state;
      });
    return 'worst state ' + detail.worst + ' (' + parts.join(', ') + ')';
  }

  // Width is set here because a style attribute or <style> element would need 'unsafe-inline'.
  iframe.style.width = '100%';
  iframe.style.border = '0';

  iframe.addEventListener('sds-sync-monitor:summary', function (event) {
    summaryOutput.textContent = describeSummary(event.detail);
  });

  themeChoice.addEventListener('change', function (event) {
    window.SdsSyncMonitorEmbed.setTheme(iframe, event.target.value);
  });

  iframe.src = dashboardUrl();

  // Browsers restore a radio choice on reload; pass a restored choice on to the dashboard.
  var restored = themeChoice.querySelector('input:checked');
  if (restored !== null && restored.value !== 'auto') {
    window.SdsSyncMonitorEmbed.setTheme(iframe, restored.value);
  }
})();
