import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

// The sign-in redirect lands here, outside the app, so the app itself never loads with an
// authorization code in its URL. The bridge hands the response to the window that started
// the sign-in, and after a redirect it navigates back to the page the admin was on.
broadcastResponseToMainFrame().catch((error: unknown) => {
  const text = document.querySelector('p');
  if (text !== null) {
    text.textContent = 'This page only finishes a sign-in. Open SDS Sync Monitor itself to continue.';
  }
  console.error('Sign-in response could not be processed.', error instanceof Error ? error.name : error);
});
