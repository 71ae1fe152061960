import { runPopupRelay } from '@azure/msal-browser/popup-relay';

import { loadConfig } from '@/config/load-config';
import { authorizationOrigin } from '@/lib/auth/msal';

// The dashboard, framed by a page on another site, opens this page as a top-level popup.
// Browsers only let a page open another window from a click, so the admin clicks once more
// here. The relay then opens the sign-in page and hands its response back to the frame.
async function prepare(): Promise<void> {
  const text = document.getElementById('relay-text');
  const button = document.getElementById('relay-continue');
  if (text === null || !(button instanceof HTMLButtonElement)) {
    return;
  }

  const result = await loadConfig();
  if (!result.ok) {
    text.textContent = 'The dashboard’s config.json is invalid, so sign-in cannot start. Open the dashboard itself to see why.';
    return;
  }

  const allowedOrigin = authorizationOrigin(result.config);
  text.textContent = 'Your school’s intranet shows the dashboard in a frame, so sign-in continues in this window.';
  button.disabled = false;
  button.addEventListener('click', () => {
    button.disabled = true;
    text.textContent = 'Signing in… This window closes by itself when you are done.';
    runPopupRelay({ protocolVersion: 2, allowedAuthorityOrigins: [allowedOrigin] });
  });
}

void prepare();
