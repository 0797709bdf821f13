import crypto from 'node:crypto';
import type http from 'node:http';
import type { Site } from './backend/site';
import type { PreviewMeta } from './demo/load';
import type { LicenceState } from './runtime';
import { cookies } from './respond';

/**
 * The preview's "who am I": a server-side session per browser (an opaque HttpOnly cookie),
 * kept in the site's SQLite so a restart keeps it. Resolvers get their identity from here,
 * never from what the browser sends.
 */

export type Locale = 'en' | 'fr';
export type Theme = 'light' | 'dark';

export interface Session {
  accountId: string;
  locale: Locale;
  theme: Theme;
  /**
   * The licence Forge passes the app's invocations for this browser (a site-wide fact in Jira, kept
   * per session here so two people previewing side by side do not switch each other's).
   */
  license: LicenceState;
}

const COOKIE = 'tandem_preview_session';
const SESSION_KIND = 'preview-session';

export interface Sessions {
  load: (req: http.IncomingMessage) => { id?: string; session: Session };
  save: (res: http.ServerResponse, id: string | undefined, session: Session) => void;
  /** Creates the session on first visit so the identity stays put across reloads. */
  ensure: (req: http.IncomingMessage, res: http.ServerResponse) => Session;
}

export function createSessions(site: Site, meta: PreviewMeta): Sessions {
  const personaDefault = (): string =>
    (meta.personas.find((p) => p.role === 'admin') ?? meta.personas[0])?.accountId ?? '';

  function loadSession(req: http.IncomingMessage): { id?: string; session: Session } {
    const id = cookies(req)[COOKIE];
    const stored =
      id && /^[A-Za-z0-9_-]{20,64}$/.test(id) ? site.docs.get<Session>(SESSION_KIND, id) : undefined;
    // Sessions saved before the licence switch existed run licensed, as they did.
    if (stored && site.user(stored.accountId))
      return { id, session: { ...stored, license: stored.license ?? 'active' } };
    return { session: { accountId: personaDefault(), locale: 'en', theme: 'light', license: 'active' } };
  }

  function saveSession(res: http.ServerResponse, id: string | undefined, session: Session): void {
    const sid = id ?? crypto.randomBytes(24).toString('base64url');
    site.docs.put(SESSION_KIND, sid, session);
    res.setHeader('set-cookie', `${COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Strict`);
  }

  /** Creates the session on first visit so the identity stays put across reloads. */
  function ensureSession(req: http.IncomingMessage, res: http.ServerResponse): Session {
    const { id, session } = loadSession(req);
    if (!id) saveSession(res, undefined, session);
    return session;
  }

  return { load: loadSession, save: saveSession, ensure: ensureSession };
}
