/** Shown when sign-in could not be set up at all, instead of a blank page. */
export function StartupErrorPage({ detail }: { detail: string }) {
  return (
    <main className="page config-error">
      <h1>SDS Sync Monitor could not start</h1>
      <p>The sign-in library could not be set up: {detail}</p>
      <p>Check the authority and clientId settings in config.json, then reload the page.</p>
    </main>
  );
}
