// HTML pages of the sign-in flow: the account picker, error pages and the signed-out page.
// Like Entra's, they refuse to render in a frame (X-Frame-Options: DENY).
import { escapeHtml } from '../core/http.mjs';
import { ACCOUNTS, TENANT_DISPLAY_NAME } from './directory.mjs';

export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store, no-cache',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'referrer-policy': 'no-referrer',
};

const STYLE = `
  body { font-family: system-ui, sans-serif; background: #f3f2f1; color: #1b1b1b; margin: 0; }
  main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 4px;
         box-shadow: 0 2px 6px rgba(0, 0, 0, 0.2); }
  h1 { font-size: 1.5rem; margin-top: 0; }
  ul { list-style: none; padding: 0; }
  li { margin-bottom: 0.5rem; }
  button { font: inherit; cursor: pointer; }
  .account { display: block; width: 100%; text-align: left; padding: 0.75rem; border: 1px solid #8a8886;
             background: #fff; border-radius: 2px; }
  .account:hover, .account:focus { background: #edebe9; }
  .account span { display: block; }
  .upn, .role { color: #505050; font-size: 0.9rem; }
  .cancel { padding: 0.5rem 1.5rem; }
  dl { font-size: 0.85rem; color: #505050; }
  code { overflow-wrap: anywhere; }
`;

function page(title, content) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${content}
</main>
</body>
</html>
`;
}

/**
 * Renders the account picker. The form carries the authorize request's `parameters`, so the POST
 * that chooses an account can finish the same request.
 */
export function accountPickerPage({ formAction, parameters, applicationName }) {
  const hiddenFields = Object.entries(parameters)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const accountButtons = ACCOUNTS.map(
    (account) => `<li><button class="account" type="submit" name="account" value="${escapeHtml(account.objectId)}">
<span>${escapeHtml(account.displayName)}</span>
<span class="upn">${escapeHtml(account.userPrincipalName)}</span>
<span class="role">${escapeHtml(account.roleDescription)}</span>
</button></li>`,
  ).join('\n');

  return page(
    `Sign in to ${TENANT_DISPLAY_NAME}`,
    `<h1>Pick an account</h1>
<p>to continue to ${escapeHtml(applicationName)}</p>
<form method="post" action="${escapeHtml(formAction)}">
${hiddenFields}
<ul>
${accountButtons}
</ul>
<button class="cancel" type="submit" name="action" value="cancel">Cancel</button>
</form>`,
  );
}

/** Renders a sign-in error page, for requests Entra does not redirect back (unknown app, wrong redirect URI). */
export function errorPage(described) {
  return page(
    'Sign-in error',
    `<h1>We could not sign you in</h1>
<p><code>${escapeHtml(described.description.split('\r\n')[0])}</code></p>
<dl>
<dt>Trace ID</dt><dd>${escapeHtml(described.traceId)}</dd>
<dt>Correlation ID</dt><dd>${escapeHtml(described.correlationId)}</dd>
<dt>Timestamp</dt><dd>${escapeHtml(described.timestamp)}</dd>
</dl>`,
  );
}

export function signedOutPage() {
  return page(
    'Signed out',
    `<h1>You signed out of your account</h1>
<p>It's a good idea to close all browser windows.</p>`,
  );
}

/** Renders the page behind `error_uri` links, which names the AADSTS number it was opened for. */
export function errorCodePage(code) {
  return page(
    `Error ${code}`,
    `<h1>AADSTS${escapeHtml(code)}</h1>
<p>This is the local identity emulator. The error description returned with this code says what failed.</p>`,
  );
}
