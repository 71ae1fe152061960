import type { ConfigIssue } from './schema';

/** Shown instead of the app when config.json is missing or invalid: every bad key and what it expects. */
export function ConfigErrorPage({ issues }: { issues: ConfigIssue[] }) {
  return (
    <main className="page config-error">
      <h1>SDS Sync Monitor is not configured correctly</h1>
      <p>The settings file config.json, next to index.html on the web server, has these problems:</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue) => (
            <tr key={`${issue.key}:${issue.message}`}>
              <td className="raw-value">{issue.key}</td>
              <td>{issue.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>Fix the file and reload this page. The README describes every setting.</p>
    </main>
  );
}
