// HMAC-signed, expiring download links (the link is the authentication, so it is short-lived). Pure: the
// keys come from the settings (functions/export-links.ts) and the time from the clock.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../core/clock';

/** The longest a download link lives: the link is the authentication, so it is short-lived. */
export const LINK_TTL_MINUTES = 60;

/** HMAC-signed, expiring links to the HTML exports and CSVs; at most an hour (LINK_TTL_MINUTES). */
export interface ExportLinks {
  sign(path: string, ttlMinutes?: number): string;
  verify(path: string, expires: string | null, sig: string | null, now: Date): boolean;
}

/**
 * Signs with `secrets.current`; accepts `secrets.previous` too, so a key can be rotated without breaking
 * links made in the hour before (docs/deploy.md, rotating the link key).
 */
export function exportLinks(secrets: { current: string; previous?: string }, baseUrl: string, clock: Clock): ExportLinks {
  const mac = (key: string, path: string, expires: string) => createHmac('sha256', key).update(`${path}\n${expires}`).digest('base64url');
  const keys = [secrets.current, ...(secrets.previous ? [secrets.previous] : [])];
  const matches = (want: string, sig: string) => {
    const a = Buffer.from(want);
    const b = Buffer.from(sig);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  return {
    sign(path, ttlMinutes = LINK_TTL_MINUTES) {
      const minutes = Math.min(Math.max(ttlMinutes, 1), LINK_TTL_MINUTES);
      const expires = String(Math.floor(clock.now().getTime() / 1000) + minutes * 60);
      return `${baseUrl}${path}?expires=${expires}&sig=${mac(secrets.current, path, expires)}`;
    },
    verify(path, expires, sig, now) {
      if (!expires || !sig || !/^\d{1,12}$/.test(expires)) return false;
      const at = Number(expires) * 1000;
      // Expired, or claiming a life longer than any link is given (a key must never sign one).
      if (at < now.getTime() || at > now.getTime() + LINK_TTL_MINUTES * 60_000 + 60_000) return false;
      return keys.some((key) => matches(mac(key, path, expires), sig));
    },
  };
}
