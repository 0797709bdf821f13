import type Resolver from '@forge/resolver';
import { GUARDRAIL_KEYS, type AuditExportPage, type PolicyOverview } from '../contract/guardrails';
import {
  AuditExportPayloadSchema,
  EmptyPayloadSchema,
  PolicySavePayloadSchema
} from '../contract/guardrail-payloads';
import { requireJiraAdmin } from '../platform/auth';
import { defineResolver } from '../platform/resolvers';
import { forgeStore } from '../platform/store';
import { parsePolicyPayload, policyOverview, savePolicy } from './policy-store';
import { auditExportPage } from './service';

/**
 * The admin page's guardrail resolvers, for Jira administrators only (docs/architecture.md rule 7): the site's
 * policy and the site-wide audit export.
 */
export function registerGuardrailAdminResolvers(resolver: Resolver): void {
  defineResolver(
    resolver,
    GUARDRAIL_KEYS.policyGet,
    EmptyPayloadSchema,
    async (): Promise<PolicyOverview> => {
      await requireJiraAdmin();
      return policyOverview(forgeStore);
    }
  );

  defineResolver(
    resolver,
    GUARDRAIL_KEYS.policySave,
    PolicySavePayloadSchema,
    async (payload, caller): Promise<PolicyOverview> => {
      await requireJiraAdmin();
      const policy = parsePolicyPayload(payload.policy);
      return savePolicy(forgeStore, policy, payload.basedOn, caller.accountId, new Date());
    }
  );

  defineResolver(
    resolver,
    GUARDRAIL_KEYS.auditExport,
    AuditExportPayloadSchema,
    async (payload): Promise<AuditExportPage> => {
      await requireJiraAdmin();
      return auditExportPage(forgeStore, payload.cursor);
    }
  );
}
