import type Resolver from '@forge/resolver';
import { z } from 'zod';
import { GUARDRAIL_KEYS, type AuditPage, type GuardrailView } from '../contract/guardrails';
import { groupsOfCaller, requireIssuePermission } from '../platform/auth';
import { jiraAsUser } from '../platform/jira';
import { defineResolver } from '../platform/resolvers';
import { forgeStore } from '../platform/store';
import {
  auditTrail,
  decideApproval,
  loadIssueState,
  parseDefinitionPayload,
  requestApprovalFor,
  saveDefinition,
  viewOf
} from './service';

const issueId = z.string().regex(/^[0-9]{1,18}$/, 'must be a numeric Jira issue id');

const IssuePayload = z.strictObject({ issueId });

const SavePayload = z.strictObject({
  issueId,
  // Parsed with the domain schema afterwards so errors name the path inside the definition.
  definition: z.unknown().refine((value) => value !== undefined, 'is required')
});

const DecidePayload = z.strictObject({
  issueId,
  decision: z.enum(['approve', 'reject']),
  reason: z.string().max(2000).optional()
});

/**
 * The guardrail panel's resolvers (DESIGN rules 4–7): reading needs Browse on the issue, editing
 * and requesting need Edit issues, deciding needs membership of the approver group the policy
 * names; the writes then go to the app's own storage.
 */
export function registerGuardrailResolvers(resolver: Resolver): void {
  defineResolver(resolver, GUARDRAIL_KEYS.get, IssuePayload, async (payload): Promise<GuardrailView> => {
    await requireIssuePermission(payload.issueId, 'BROWSE_PROJECTS');
    return viewOf(await loadIssueState(forgeStore, payload.issueId), new Date());
  });

  defineResolver(
    resolver,
    GUARDRAIL_KEYS.save,
    SavePayload,
    async (payload, caller): Promise<GuardrailView> => {
      await requireIssuePermission(payload.issueId, 'EDIT_ISSUES');
      const definition = parseDefinitionPayload(payload.definition);
      return saveDefinition(forgeStore, payload.issueId, definition, caller.accountId, new Date());
    }
  );

  defineResolver(
    resolver,
    GUARDRAIL_KEYS.requestApproval,
    IssuePayload,
    async (payload, caller): Promise<GuardrailView> => {
      await requireIssuePermission(payload.issueId, 'EDIT_ISSUES');
      const issue = await jiraAsUser().getIssueSummary(payload.issueId);
      const reporter = issue.fields?.reporter?.accountId;
      return requestApprovalFor(forgeStore, payload.issueId, caller.accountId, reporter, new Date());
    }
  );

  defineResolver(
    resolver,
    GUARDRAIL_KEYS.decide,
    DecidePayload,
    async (payload, caller): Promise<GuardrailView> => {
      // Group membership is the permission to decide (approvers may be unable to edit the
      // marketing project), but nobody decides on an issue they cannot see.
      await requireIssuePermission(payload.issueId, 'BROWSE_PROJECTS');
      const groups = await groupsOfCaller(caller.accountId);
      return decideApproval(
        forgeStore,
        payload.issueId,
        { decision: payload.decision, ...(payload.reason !== undefined ? { reason: payload.reason } : {}) },
        caller.accountId,
        groups,
        new Date()
      );
    }
  );

  defineResolver(resolver, GUARDRAIL_KEYS.audit, IssuePayload, async (payload): Promise<AuditPage> => {
    await requireIssuePermission(payload.issueId, 'BROWSE_PROJECTS');
    return { events: await auditTrail(forgeStore, payload.issueId) };
  });
}
