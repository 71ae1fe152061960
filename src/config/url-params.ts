/** Settings for the current view that come from the page's URL. */
export interface ViewParams {
  /** Item keys from `?profiles=`, duplicates removed, in the order given; undefined when absent. */
  profiles: string[] | undefined;
}

/** Reads the view parameters from a query string such as `?profiles=a,b`. */
export function readViewParams(search: string): ViewParams {
  const params = new URLSearchParams(search);
  const profilesText = params.get('profiles');

  return {
    profiles: profilesText === null ? undefined : uniqueNonEmpty(profilesText.split(',')),
  };
}

/** Returns the URL without the given query parameters, keeping everything else. */
export function withoutParams(href: string, names: string[]): string {
  const url = new URL(href);
  for (const name of names) {
    url.searchParams.delete(name);
  }
  return url.href;
}

function uniqueNonEmpty(values: string[]): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed !== '') {
      seen.add(trimmed);
    }
  }
  return [...seen];
}
