import type { AccountMention, Pseudonymise } from './accounts';

/**
 * How each kind of stored record names people, and what erasing a closed account does to it.
 * Every `erase*` answers the rewritten record, or null when the record names none of the closed
 * accounts (nothing is written then, so a second run changes nothing).
 */

type Rec = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function mention(accountId: unknown, at: unknown): AccountMention[] {
  const id = str(accountId);
  if (!id) return [];
  const time = str(at);
  return [time ? { accountId: id, at: time } : { accountId: id }];
}

/** A record whose author fields are replaced by the pseudonym: the record itself is kept. */
export interface AuthoredKind {
  /** Fields holding an account id, each with the field holding its time. */
  fields: readonly { id: string; at: string }[];
}

export function authoredMentions(kind: AuthoredKind, value: Rec): AccountMention[] {
  return kind.fields.flatMap((f) => mention(value[f.id], value[f.at]));
}

export function eraseAuthored(
  kind: AuthoredKind,
  value: Rec,
  closed: ReadonlySet<string>,
  pseudonym: Pseudonymise
): Rec | null {
  let changed = false;
  const out: Rec = { ...value };
  for (const f of kind.fields) {
    const id = str(value[f.id]);
    if (id && closed.has(id)) {
      out[f.id] = pseudonym(id);
      changed = true;
    }
  }
  return changed ? out : null;
}

/** Audit events (`actor`, `at`): the one exception to append-only, the event stays. */
export const AUDIT_EVENT: AuthoredKind = { fields: [{ id: 'actor', at: 'at' }] };
/** Page definitions: who saved the description last. */
export const DEFINITION: AuthoredKind = { fields: [{ id: 'updatedBy', at: 'updatedAt' }] };
/** Policy and capacity settings versions. */
export const SAVED_VERSION: AuthoredKind = { fields: [{ id: 'savedBy', at: 'savedAt' }] };
/** Revision and save claims, card overrides: `{ by, at }`. */
export const CLAIM: AuthoredKind = { fields: [{ id: 'by', at: 'at' }] };
/** The issue-type set-up run: who started it. */
export const PROVISIONING_RUN: AuthoredKind = { fields: [{ id: 'requestedBy', at: 'requestedAt' }] };

/**
 * Approval records: requester, approvers, decider are pseudonymised (the approval keeps binding
 * the page, the validator needs no name); `reporter` is only a copy of the reporter for
 * the panel's "may request" check, so it is dropped.
 */
export function approvalMentions(stored: Rec): AccountMention[] {
  const record = (stored.record ?? {}) as Rec;
  const grants = Array.isArray(record.grants) ? (record.grants as Rec[]) : [];
  return [
    ...mention(record.requestedBy, record.requestedAt),
    ...mention(record.reporter, record.requestedAt),
    ...grants.flatMap((g) => mention(g.by, g.at)),
    ...mention(record.decidedBy, record.decidedAt)
  ];
}

export function eraseApproval(stored: Rec, closed: ReadonlySet<string>, pseudonym: Pseudonymise): Rec | null {
  const record = (stored.record ?? {}) as Rec;
  const hit = (v: unknown) => {
    const id = str(v);
    return id !== undefined && closed.has(id);
  };
  const grants = Array.isArray(record.grants) ? (record.grants as Rec[]) : [];
  if (![record.requestedBy, record.reporter, record.decidedBy, ...grants.map((g) => g.by)].some(hit))
    return null;
  const out: Rec = { ...record };
  if (hit(record.requestedBy)) out.requestedBy = pseudonym(record.requestedBy as string);
  if (hit(record.decidedBy)) out.decidedBy = pseudonym(record.decidedBy as string);
  if (hit(record.reporter)) delete out.reporter;
  out.grants = grants.map((g) => (hit(g.by) ? { ...g, by: pseudonym(g.by as string) } : g));
  return { ...stored, record: out };
}

/**
 * A project's capacity settings as stored: the people, their time off, lane owners and the cached
 * names and avatars (`directory`) are about the person; `savedBy` is an author.
 */
export function settingsMentions(stored: Rec): AccountMention[] {
  const at = stored.savedAt;
  const settings = (stored.settings ?? {}) as Rec;
  const list = (v: unknown) => (Array.isArray(v) ? (v as Rec[]) : []);
  return [
    ...mention(stored.savedBy, at),
    ...list(settings.people).flatMap((p) => mention(p.accountId, at)),
    ...list(settings.timeOff).flatMap((t) => mention(t.accountId, at)),
    ...list(settings.lanes).flatMap((l) => mention(l.owner, at)),
    ...Object.keys((stored.directory ?? {}) as Rec).flatMap((id) => mention(id, at))
  ];
}

/**
 * A closed account leaves the team: the person, their shares and time off go, a lane they owned
 * has no owner, their cached name and avatar go; who saved the version becomes the pseudonym.
 */
export function eraseSettings(stored: Rec, closed: ReadonlySet<string>, pseudonym: Pseudonymise): Rec | null {
  if (!settingsMentions(stored).some((m) => closed.has(m.accountId))) return null;
  const settings = (stored.settings ?? {}) as Rec;
  const list = (v: unknown) => (Array.isArray(v) ? (v as Rec[]) : []);
  const keep = (id: unknown) => !(typeof id === 'string' && closed.has(id));
  const directory: Rec = {};
  for (const [id, entry] of Object.entries((stored.directory ?? {}) as Rec))
    if (keep(id)) directory[id] = entry;
  const savedBy = str(stored.savedBy);
  return {
    ...stored,
    settings: {
      ...settings,
      lanes: list(settings.lanes).map((l) => (keep(l.owner) ? l : { ...l, owner: null })),
      people: list(settings.people).filter((p) => keep(p.accountId)),
      timeOff: list(settings.timeOff).filter((t) => keep(t.accountId))
    },
    directory,
    ...(savedBy && closed.has(savedBy) ? { savedBy: pseudonym(savedBy) } : {})
  };
}

/**
 * `updated` accounts: the only profile data Tandem copies is the name and avatar in a capacity
 * directory; they are replaced by what Jira says now (null when Jira no longer returns the user).
 */
export function refreshDirectory(
  stored: Rec,
  profiles: ReadonlyMap<string, { displayName: string; avatarUrl: string | null }>
): Rec | null {
  const directory = (stored.directory ?? {}) as Record<
    string,
    { displayName?: unknown; avatarUrl?: unknown }
  >;
  let changed = false;
  const out: Rec = {};
  for (const [id, entry] of Object.entries(directory)) {
    const fresh = profiles.get(id);
    if (fresh && (fresh.displayName !== entry.displayName || fresh.avatarUrl !== entry.avatarUrl)) {
      out[id] = { displayName: fresh.displayName, avatarUrl: fresh.avatarUrl };
      changed = true;
    } else out[id] = entry;
  }
  return changed ? { ...stored, directory: out } : null;
}
