import { z } from 'zod';
import { KEYS as GUARDRAIL_KEYS } from '../guardrails/records';
import { POLICY_KEYS } from '../guardrails/policy-store';
import { KEYS as PROVISIONING_KEYS } from '../issue-types/records';
import { IDEAS_PERSONAL_DATA_SOURCE } from '../ideas/personal-data';
import { storageKey, type Store } from '../platform/store';
import type { AccountMention, Pseudonymise } from './domain/accounts';
import {
  approvalMentions,
  AUDIT_EVENT,
  authoredMentions,
  CLAIM,
  DEFINITION,
  eraseApproval,
  eraseAuthored,
  eraseSettings,
  PROVISIONING_RUN,
  refreshDirectory,
  SAVED_VERSION,
  settingsMentions
} from './domain/records';
import { lazySchema } from '../contract/lazy-schema';

/**
 * The registry of everything Tandem stores that names an Atlassian account. The personal-data job
 * (src/privacy/job.ts) pages through each source's key prefix, reports the accounts it finds and,
 * for closed ones, writes back what `erase` answers. A capability that stores account ids adds its
 * source to PERSONAL_DATA_SOURCES (docs/architecture.md, "Personal data"); the test
 * test/privacy/job.test.ts fails when a seeded record names a person under no source's prefix.
 */

export type Rec = Record<string, unknown>;

/** Sources read records whatever their version: each one's fields are checked where read. */
export const ANY_RECORD: z.ZodType<Rec> = lazySchema(() => z.record(z.string(), z.unknown()));

export interface EraseContext {
  closed: ReadonlySet<string>;
  pseudonym: Pseudonymise;
  store: Store;
  now: Date;
}

export interface PersonalDataSource {
  name: string;
  /** KVS key prefix the job pages through (ends with ':' unless it is one exact key). */
  prefix: string;
  /** Keys under the prefix this source reads; others belong to another source or hold no one. */
  owns?(key: string): boolean;
  mentions(key: string, value: Rec): AccountMention[];
  /** The rewritten record, 'delete', or null when nothing in it names a closed account. */
  erase(key: string, value: Rec, ctx: EraseContext): Promise<Rec | 'delete' | null> | Rec | 'delete' | null;
  /** For `updated` accounts: the record with cached profile data replaced, or null. */
  refresh?(
    value: Rec,
    profiles: ReadonlyMap<string, { displayName: string; avatarUrl: string | null }>
  ): Rec | null;
}

const POLICY_VERSION = /^tandem:guardrails:policy:version:\d+$/;
const POLICY_CLAIM = /^tandem:guardrails:policy:claim:\d+$/;
const CAPACITY_SETTINGS = /^tandem:capacity:[^:]+:settings:(current|version:\d+)$/;
const CAPACITY_CLAIM = /^tandem:capacity:[^:]+:settings:claim:\d+$/;
const CAPACITY_OVERRIDE = /^tandem:capacity:[^:]+:override:[^:]+$/;

/** A claim's TTL is 60 s; one older than this was meant to be gone (KVS purges TTLs lazily). */
const LAPSED_CLAIM_MS = 10 * 60_000;

const lapsed = (value: Rec, now: Date): boolean => {
  const at = typeof value.at === 'string' ? Date.parse(value.at) : NaN;
  return Number.isNaN(at) || now.getTime() - at > LAPSED_CLAIM_MS;
};

/**
 * A save claim (policy, capacity settings) only stops a concurrent save of the same version for
 * its 60 s TTL: once lapsed it is deleted, as the TTL would; a fresh one waits for the next run
 * (rewriting it would drop its TTL and block that version for good).
 */
function eraseSaveClaim(value: Rec, ctx: EraseContext): Rec | 'delete' | null {
  const by = typeof value.by === 'string' ? value.by : '';
  if (!ctx.closed.has(by)) return null;
  return lapsed(value, ctx.now) ? 'delete' : null;
}

const approvalRevision = /^tandem:guardrails:approval-revision:([^:]+):(\d+)$/;

export const PERSONAL_DATA_SOURCES: readonly PersonalDataSource[] = [
  {
    name: 'guardrail audit trail',
    prefix: GUARDRAIL_KEYS.allAuditPrefix,
    mentions: (_key, value) => authoredMentions(AUDIT_EVENT, value),
    erase: (_key, value, ctx) => eraseAuthored(AUDIT_EVENT, value, ctx.closed, ctx.pseudonym)
  },
  {
    name: 'guardrail page definitions',
    prefix: `${storageKey('guardrails', 'definition')}:`,
    mentions: (_key, value) => authoredMentions(DEFINITION, value),
    erase: (_key, value, ctx) => eraseAuthored(DEFINITION, value, ctx.closed, ctx.pseudonym)
  },
  {
    name: 'guardrail approvals',
    prefix: `${storageKey('guardrails', 'approval')}:`,
    mentions: (_key, value) => approvalMentions(value),
    erase: (_key, value, ctx) => eraseApproval(value, ctx.closed, ctx.pseudonym)
  },
  {
    name: 'guardrail approval revision claims',
    prefix: `${storageKey('guardrails', 'approval-revision')}:`,
    mentions: (_key, value) => authoredMentions(CLAIM, value),
    /**
     * A claim the approval's revision has reached is part of the optimistic lock for good: it is
     * kept, pseudonymised. One above it is an unconfirmed claim: deleted once lapsed.
     */
    erase: async (key, value, ctx) => {
      const by = typeof value.by === 'string' ? value.by : '';
      if (!ctx.closed.has(by)) return null;
      const match = approvalRevision.exec(key);
      if (!match) return null;
      const revision = Number(match[2]);
      const approval = await ctx.store.get(GUARDRAIL_KEYS.approval(match[1] ?? ''), ANY_RECORD);
      const current = typeof approval?.revision === 'number' ? approval.revision : 0;
      if (revision <= current) return eraseAuthored(CLAIM, value, ctx.closed, ctx.pseudonym);
      return lapsed(value, ctx.now) ? 'delete' : null;
    }
  },
  {
    name: 'guardrail policy versions',
    prefix: `${storageKey('guardrails', 'policy')}:`,
    owns: (key) => key === POLICY_KEYS.current || POLICY_VERSION.test(key) || POLICY_CLAIM.test(key),
    mentions: (key, value) =>
      POLICY_CLAIM.test(key) ? authoredMentions(CLAIM, value) : authoredMentions(SAVED_VERSION, value),
    erase: (key, value, ctx) =>
      POLICY_CLAIM.test(key)
        ? eraseSaveClaim(value, ctx)
        : eraseAuthored(SAVED_VERSION, value, ctx.closed, ctx.pseudonym)
  },
  {
    name: 'capacity settings, overrides and save claims',
    prefix: `${storageKey('capacity')}:`,
    owns: (key) => CAPACITY_SETTINGS.test(key) || CAPACITY_CLAIM.test(key) || CAPACITY_OVERRIDE.test(key),
    mentions: (key, value) =>
      CAPACITY_SETTINGS.test(key) ? settingsMentions(value) : authoredMentions(CLAIM, value),
    erase: (key, value, ctx) => {
      if (CAPACITY_SETTINGS.test(key)) return eraseSettings(value, ctx.closed, ctx.pseudonym);
      if (CAPACITY_CLAIM.test(key)) return eraseSaveClaim(value, ctx);
      // A card moved by hand stays moved: only who moved it is pseudonymised.
      return eraseAuthored(CLAIM, value, ctx.closed, ctx.pseudonym);
    },
    refresh: (value, profiles) => refreshDirectory(value, profiles)
  },
  {
    name: 'issue-type set-up run',
    prefix: PROVISIONING_KEYS.run,
    owns: (key) => key === PROVISIONING_KEYS.run,
    mentions: (_key, value) => authoredMentions(PROVISIONING_RUN, value),
    erase: (_key, value, ctx) => eraseAuthored(PROVISIONING_RUN, value, ctx.closed, ctx.pseudonym)
  },
  IDEAS_PERSONAL_DATA_SOURCE
];
