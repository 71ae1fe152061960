// The log of identity and Graph requests that tests read through the control endpoint. It stores
// no headers, query strings of identity requests, tokens, codes or cookies.

/** Oldest entries are dropped beyond this many, so a long demo does not grow without bound. */
const MAX_ENTRIES = 10000;

export function createRequestLog({ clock }) {
  let entries = [];

  return {
    /** Appends `{ method, path, status, ...extra }` stamped with emulator time. */
    add(entry) {
      entries.push({ time: new Date(clock.now()).toISOString(), ...entry });
      if (entries.length > MAX_ENTRIES) entries = entries.slice(-MAX_ENTRIES);
    },
    list() {
      return entries.slice();
    },
    clear() {
      entries = [];
    },
  };
}
