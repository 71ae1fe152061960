/**
 * The admin's saved choice of watched items, per tenant and account, in localStorage so it
 * survives reloads, the sign-in redirect and new tabs. Items are stored as `source:id` keys.
 */
const STORAGE_PREFIX = 'sds-sync-monitor:selection:v1';

export function selectionStorageKey(tenantId: string, accountId: string): string {
  return `${STORAGE_PREFIX}:${tenantId}:${accountId}`;
}

/** Returns the saved keys, or undefined when nothing was saved (or storage is unreadable). */
export function loadSavedSelection(storage: Storage, key: string): string[] | undefined {
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch {
    return undefined;
  }
  if (text === null) {
    return undefined;
  }

  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === 'string') : undefined;
  } catch {
    console.warn(`Saved selection under ${key} is not valid JSON; starting from an empty selection.`);
    return undefined;
  }
}

/** Saves the keys; returns false when the browser refused (storage full or disabled). */
export function saveSelection(storage: Storage, key: string, keys: string[]): boolean {
  try {
    storage.setItem(key, JSON.stringify(keys));
    return true;
  } catch {
    return false;
  }
}
