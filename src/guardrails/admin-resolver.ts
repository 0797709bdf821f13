import type Resolver from '@forge/resolver';
import { z } from 'zod';
import { GUARDRAIL_KEYS, type AuditExportPage, type PolicyOverview } from '../contract/guardrails';
import { requireJiraAdmin } from '../platform/auth';
import { defineResolver } from '../platform/resolvers';
import { forgeStore } from '../platform/store';
import { parsePolicyPayload, policyOverview, savePolicy } from './policy-store';
import { auditExportPage } from './service';

const PolicySavePayload = z.strictObject({
  // Parsed with the domain schema afterwards so errors name the path inside the policy.
  policy: z.unknown().refine((value) => value !== undefined, 'is required'),
  basedOn: z.string().min(1).max(100)
});

const AuditExportPayload = z.strictObject({
  cursor: z.string().min(1).max(2000).optional()
});

/**
 * The admin page's guardrail resolvers, for Jira administrators only (DESIGN rule 7): the site's
 * policy and the site-wide audit export.
 */
export function registerGuardrailAdminResolvers(resolver: Resolver): void {
  defineResolver(
    resolver,
    GUARDRAIL_KEYS.policyGet,
    z.strictObject({}),
    async (): Promise<PolicyOverview> => {
      await requireJiraAdmin();
      return policyOverview(forgeStore);
    }
  );

  defineResolver(
    resolver,
    GUARDRAIL_KEYS.policySave,
    PolicySavePayload,
    async (payload, caller): Promise<PolicyOverview> => {
      await requireJiraAdmin();
      const policy = parsePolicyPayload(payload.policy);
      return savePolicy(forgeStore, policy, payload.basedOn, caller.accountId, new Date());
    }
  );

  defineResolver(
    resolver,
    GUARDRAIL_KEYS.auditExport,
    AuditExportPayload,
    async (payload): Promise<AuditExportPage> => {
      await requireJiraAdmin();
      return auditExportPage(forgeStore, payload.cursor);
    }
  );
}
