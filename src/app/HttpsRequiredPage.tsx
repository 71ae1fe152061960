/** Shown instead of the app on a non-secure page, before MSAL is created. */
export function HttpsRequiredPage({ message }: { message: string }) {
  return (
    <main className="page config-error">
      <h1>SDS Sync Monitor needs HTTPS</h1>
      <p>{message}</p>
    </main>
  );
}
