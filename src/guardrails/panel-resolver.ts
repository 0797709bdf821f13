import type Resolver from '@forge/resolver';
import {
  GUARDRAIL_KEYS,
  type AuditPage,
  type GuardrailState,
  type GuardrailView,
  type ImportHtmlResult
} from '../contract/guardrails';
import {
  DecidePayloadSchema,
  ImportHtmlPayloadSchema,
  IssuePayloadSchema,
  SaveDefinitionPayloadSchema
} from '../contract/guardrail-payloads';
import { groupIdsOfCaller, requireIssuePermission } from '../platform/auth';
import { InvalidInputError } from '../platform/errors';
import { jiraAsApp, jiraAsUser } from '../platform/jira';
import { defineResolver, type CallerContext } from '../platform/resolvers';
import { forgeStore } from '../platform/store';
import { evaluateDefinition } from './domain/evaluate';
import { HtmlImportError, importParsedHtml, type HtmlImport } from './domain/html-import';
import { approverGroupsHeld, DEFAULT_POLICY, type Policy } from './domain/policy';
import { policyWithGroupIds } from './policy-groups';
import { currentPolicy } from './policy-store';
import {
  auditTrail,
  decideApproval,
  loadIssueState,
  parseDefinitionPayload,
  requestApprovalFor,
  saveDefinition,
  viewOf
} from './service';
import { publishGuardrailChange, type GuardrailChangeKind } from './enforcement/publish';
import { panelView, type KnownFacts } from './view';

async function answer(
  state: GuardrailState,
  policy: Policy,
  caller: CallerContext,
  known: KnownFacts
): Promise<GuardrailView> {
  return panelView(forgeStore, state, policy, caller.accountId, known);
}

/**
 * Everything that follows a write: the JQL copy and the notifications (which never fail the
 * write: the trigger and the hourly sweep repair a lost copy), then the panel's view.
 */
async function afterWrite(
  kind: GuardrailChangeKind,
  state: GuardrailState,
  policy: Policy,
  caller: CallerContext,
  known: KnownFacts
): Promise<GuardrailView> {
  await publishGuardrailChange({ kind, issueId: state.issueId, state, actor: caller.accountId });
  return answer(state, policy, caller, known);
}

/**
 * The issue panel's guardrail resolvers (docs/architecture.md rules 4–7): reading needs Browse on the issue,
 * editing and requesting need Edit issues, deciding needs membership of the approver group the
 * policy names. Writes then go to the app's own storage; the policy in force is read from it on
 * every call.
 */
export function registerGuardrailPanelResolvers(resolver: Resolver): void {
  defineResolver(
    resolver,
    GUARDRAIL_KEYS.get,
    IssuePayloadSchema,
    async (payload, caller): Promise<GuardrailView> => {
      const permissions = await requireIssuePermission(payload.issueId, 'BROWSE_PROJECTS', ['EDIT_ISSUES']);
      // With group ids: the view tells the caller whether they may decide.
      const { policy } = await policyWithGroupIds(forgeStore, jiraAsApp(), DEFAULT_POLICY);
      const state = viewOf(await loadIssueState(forgeStore, payload.issueId, policy), new Date(), policy);
      return answer(state, policy, caller, { canEdit: permissions.EDIT_ISSUES === true });
    }
  );

  defineResolver(
    resolver,
    GUARDRAIL_KEYS.save,
    SaveDefinitionPayloadSchema,
    async (payload, caller): Promise<GuardrailView> => {
      await requireIssuePermission(payload.issueId, 'EDIT_ISSUES');
      const definition = parseDefinitionPayload(payload.definition);
      const policy = await currentPolicy(forgeStore);
      const state = await saveDefinition(
        forgeStore,
        payload.issueId,
        definition,
        caller.accountId,
        new Date(),
        policy
      );
      return afterWrite('saved', state, policy, caller, { canEdit: true });
    }
  );

  defineResolver(
    resolver,
    GUARDRAIL_KEYS.requestApproval,
    IssuePayloadSchema,
    async (payload, caller): Promise<GuardrailView> => {
      await requireIssuePermission(payload.issueId, 'EDIT_ISSUES');
      const issue = await jiraAsUser().getIssue(payload.issueId, ['reporter', 'project', 'issuetype']);
      const reporter = issue.fields?.reporter?.accountId;
      const policy = await currentPolicy(forgeStore);
      const state = await requestApprovalFor(
        forgeStore,
        payload.issueId,
        caller.accountId,
        reporter,
        new Date(),
        policy
      );
      return afterWrite('requested', state, policy, caller, { canEdit: true, issue });
    }
  );

  defineResolver(
    resolver,
    GUARDRAIL_KEYS.decide,
    DecidePayloadSchema,
    async (payload, caller): Promise<GuardrailView> => {
      // Group membership is the permission to decide (approvers may be unable to edit the
      // marketing project), but nobody decides on an issue they cannot see.
      const permissions = await requireIssuePermission(payload.issueId, 'BROWSE_PROJECTS', ['EDIT_ISSUES']);
      const [groupIds, resolved] = await Promise.all([
        groupIdsOfCaller(caller.accountId),
        policyWithGroupIds(forgeStore, jiraAsApp(), DEFAULT_POLICY)
      ]);
      const policy = resolved.policy;
      const groups = approverGroupsHeld(policy, groupIds);
      const state = await decideApproval(
        forgeStore,
        payload.issueId,
        { decision: payload.decision, ...(payload.reason !== undefined ? { reason: payload.reason } : {}) },
        caller.accountId,
        groups,
        new Date(),
        policy
      );
      return afterWrite('decided', state, policy, caller, {
        canEdit: permissions.EDIT_ISSUES === true,
        groups
      });
    }
  );

  defineResolver(resolver, GUARDRAIL_KEYS.audit, IssuePayloadSchema, async (payload): Promise<AuditPage> => {
    await requireIssuePermission(payload.issueId, 'BROWSE_PROJECTS');
    return { events: await auditTrail(forgeStore, payload.issueId) };
  });

  defineResolver(
    resolver,
    GUARDRAIL_KEYS.importHtml,
    ImportHtmlPayloadSchema,
    async (payload): Promise<ImportHtmlResult> => {
      // Nothing is stored, but only someone who may edit the page imports into it.
      await requireIssuePermission(payload.issueId, 'EDIT_ISSUES');
      const policy = await currentPolicy(forgeStore);
      const text = payload.html.trim();
      if (text.startsWith('{')) {
        // A definition in JSON, the format `tandem-check` reads.
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch (error) {
          const reason = error instanceof Error ? error.message : 'not JSON';
          throw new InvalidInputError(`html: neither HTML nor a JSON definition (${reason})`, 'html');
        }
        const definition = parseDefinitionPayload(raw);
        return { definition, evaluation: evaluateDefinition(definition, policy), findings: [] };
      }
      // The HTML parser (parse5, about 350 KB) serves only this key: imported here, webpack puts
      // it in a chunk of its own, loaded by the first import of a process. It imports nothing of
      // ours, so the function's own modules stay concatenated (a module shared with a chunk cannot).
      const { parse } = await import('parse5');
      let imported: HtmlImport;
      try {
        imported = importParsedHtml(parse(payload.html));
      } catch (error) {
        if (error instanceof HtmlImportError) throw new InvalidInputError(`html: ${error.message}`, 'html');
        throw error;
      }
      return {
        definition: imported.definition,
        evaluation: evaluateDefinition(imported.definition, policy, imported.findings),
        findings: imported.findings
      };
    }
  );
}
