/**
 * Returns true when the page runs inside a frame (an intranet iframe, a SharePoint Embed
 * web part). Reading `top` can throw in some sandboxed or cross-origin set-ups, and only a
 * framed page can get that error, so an error counts as framed.
 */
export function isFramed(win: Window = window): boolean {
  try {
    return win.top !== win.self;
  } catch {
    return true;
  }
}

/** Source of the origin that `parentOrigin` found, from most to least reliable. */
export type ParentOriginSource = 'ancestorOrigins' | 'referrer';

export interface ParentOrigin {
  origin: string;
  source: ParentOriginSource;
}

/**
 * Finds the origin of the page that frames this one, without any help from that page.
 * `location.ancestorOrigins` (Chromium and Safari; Firefox lacks it) is set by the browser
 * and cannot be forged. `document.referrer` is the fallback: it names the page that navigated
 * the frame last, which is normally the parent, and it is empty when the parent's
 * Referrer-Policy is `no-referrer`. Returns null when neither is known or the page is not framed.
 */
export function parentOrigin(win: Window = window): ParentOrigin | null {
  if (!isFramed(win)) {
    return null;
  }

  // Typed as always present, but missing in Firefox.
  const ancestors = win.location.ancestorOrigins as DOMStringList | undefined;
  const nearest = ancestors !== undefined && ancestors.length > 0 ? ancestors.item(0) : null;
  // An opaque origin (a sandboxed parent without allow-same-origin) is reported as "null".
  if (nearest !== null && nearest !== 'null') {
    return { origin: nearest, source: 'ancestorOrigins' };
  }

  const referrer = originOf(win.document.referrer);
  return referrer === null ? null : { origin: referrer, source: 'referrer' };
}

/** Returns the origin of an absolute http(s) URL, or null for anything else. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
