// The registered single-page applications: client ids with their exact redirect URIs and an
// optional display name for the account picker.

function validateClient(client, index) {
  if (!client || typeof client.clientId !== 'string' || client.clientId.trim() === '') {
    throw new TypeError(`clients[${index}].clientId is missing: give the application (client) id as a string.`);
  }
  if (!Array.isArray(client.redirectUris) || client.redirectUris.length === 0) {
    throw new TypeError(`clients[${index}].redirectUris must list at least one redirect URI for client ${client.clientId}.`);
  }
  for (const uri of client.redirectUris) {
    let parsed;
    try {
      parsed = new URL(uri);
    } catch {
      throw new TypeError(`Redirect URI ${JSON.stringify(uri)} of client ${client.clientId} is not an absolute URL.`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new TypeError(`Redirect URI ${uri} of client ${client.clientId} must use http or https.`);
    }
    if (parsed.hash) {
      throw new TypeError(`Redirect URI ${uri} of client ${client.clientId} must not contain a fragment.`);
    }
  }
}

/** Creates the registry from `[{ clientId, redirectUris, displayName? }]`; throws TypeError on an invalid entry. */
export function createClientRegistry(clients) {
  if (!Array.isArray(clients) || clients.length === 0) {
    throw new TypeError('startEmulator needs clients: a non-empty list of { clientId, redirectUris }.');
  }
  clients.forEach(validateClient);

  const byId = new Map(
    clients.map((client) => [
      client.clientId.toLowerCase(),
      {
        clientId: client.clientId,
        displayName: typeof client.displayName === 'string' ? client.displayName : client.clientId,
        redirectUris: [...client.redirectUris],
        origins: new Set(client.redirectUris.map((uri) => new URL(uri).origin)),
      },
    ]),
  );
  const allRedirectUris = new Set(clients.flatMap((client) => client.redirectUris));
  const allOrigins = new Set([...byId.values()].flatMap((client) => [...client.origins]));

  return {
    /** Finds a client by id, ignoring case as Entra does for GUIDs. */
    find(clientId) {
      return typeof clientId === 'string' ? (byId.get(clientId.toLowerCase()) ?? null) : null;
    },
    isRegisteredRedirectUri(uri) {
      return allRedirectUris.has(uri);
    },
    /** True when `origin` is the origin of some client's redirect URI. */
    isSpaOrigin(origin) {
      return allOrigins.has(origin);
    },
    list() {
      return [...byId.values()].map(({ clientId, redirectUris }) => ({ clientId, redirectUris }));
    },
  };
}
