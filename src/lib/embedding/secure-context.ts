/**
 * Returns null when sign-in can work here, else sentences for the admin that explain why it
 * cannot and what to do. Sign-in uses PKCE, which needs the Web Crypto API
 * (`crypto.subtle`). Browsers provide it only in secure contexts: pages served over HTTPS
 * or from localhost, and in a frame only when the tab's top-level page is secure too.
 * Without it MSAL fails with `pkce_not_created`, so check this before creating MSAL.
 */
export function secureContextProblem(win: Window = window): string | null {
  if (win.isSecureContext) {
    return null;
  }

  const reason =
    'Sign-in needs a secure (HTTPS) connection: it uses PKCE, which needs the browser’s Web Crypto API, ' +
    'and browsers offer that API only on https:// pages and on localhost.';

  if (win.location.protocol === 'https:') {
    // The page itself is on HTTPS, so the insecure part is the top-level page that frames it.
    return (
      `${reason} This page is on HTTPS but is shown inside a page loaded over plain http://. ` +
      'Serve the page that embeds the dashboard over https:// as well.'
    );
  }

  if (win.location.protocol === 'http:') {
    return (
      `${reason} This page was loaded over plain http:// from ${win.location.host}. ` +
      `Serve the dashboard over https:// (for example ${httpsAddress(win.location.href)}) and open it there.`
    );
  }

  return `${reason} Serve the dashboard over https:// and open it there.`;
}

function httpsAddress(href: string): string {
  const url = new URL(href);
  url.protocol = 'https:';
  // A port chosen for plain http (8080, 4280…) rarely serves HTTPS, so the example uses the default port.
  url.port = '';
  url.search = '';
  url.hash = '';
  return url.href;
}
