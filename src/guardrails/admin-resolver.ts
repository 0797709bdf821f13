import type Resolver from '@forge/resolver';
import { GUARDRAIL_KEYS, type AuditExportPage, type PolicyOverview } from '../contract/guardrails';
import {
  AuditExportPayloadSchema,
  EmptyPayloadSchema,
  PolicySavePayloadSchema
} from '../contract/guardrail-payloads';
import { requireJiraAdmin } from '../platform/auth';
import { jiraAsApp } from '../platform/jira';
import { defineResolver } from '../platform/resolvers';
import { forgeStore } from '../platform/store';
import { DEFAULT_POLICY } from './domain/policy';
import { policyWithGroupIds, resolveEditedGroups } from './policy-groups';
import { currentPolicy, parsePolicyPayload, policyOverview, savePolicy } from './policy-store';
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
      // Group lookups as the app, after the admin check: reading groups needs Browse users.
      const resolved = await policyWithGroupIds(forgeStore, jiraAsApp(), DEFAULT_POLICY);
      const overview = await policyOverview(forgeStore, resolved.warnings);
      return { ...overview, current: resolved.policy };
    }
  );

  defineResolver(
    resolver,
    GUARDRAIL_KEYS.policySave,
    PolicySavePayloadSchema,
    async (payload, caller): Promise<PolicyOverview> => {
      await requireJiraAdmin();
      const edited = parsePolicyPayload(payload.policy);
      const resolved = await resolveEditedGroups(edited, await currentPolicy(forgeStore), jiraAsApp());
      return savePolicy(
        forgeStore,
        resolved.policy,
        payload.basedOn,
        caller.accountId,
        new Date(),
        resolved.warnings
      );
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
