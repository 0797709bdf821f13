import { useMemo, useState } from 'react';
import type { GuardrailView } from '@contract/guardrails';
import type { PageDefinition } from '../../../src/guardrails/domain/definition';
import { evaluateDefinition } from '../../../src/guardrails/domain/evaluate';
import type { HostInfo } from '../../common/bootstrap';
import { SectionMessage, Spinner } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { t } from '../../common/i18n';
import { ApprovalSection } from './ApprovalSection';
import { AuditTrail } from './AuditTrail';
import { DecisionSummary } from './DecisionSummary';
import { canonical, forSaving, normalise } from './draft';
import { Editor } from './editor/Editor';
import { DefinitionSummary } from './DefinitionSummary';
import { ImportHtml } from './ImportHtml';
import { useDisplayNames } from '../../common/names';
import { useGuardrail } from './useGuardrail';

export function App({
  host,
  issueId,
  me
}: {
  host: HostInfo;
  issueId: string | undefined;
  /** The viewer's account id, to say "you" rather than an id. */
  me: string | undefined;
}) {
  if (issueId === undefined) {
    return (
      <main className="gp-panel">
        <SectionMessage appearance="error" title={t('panel.loadError.title')}>
          <p>{t('panel.noIssue')}</p>
        </SectionMessage>
      </main>
    );
  }
  return <Panel host={host} issueId={issueId} me={me} />;
}

function Panel({ host, issueId, me }: { host: HostInfo; issueId: string; me: string | undefined }) {
  const guardrail = useGuardrail(issueId);
  const { state } = guardrail;

  if (state.kind === 'loading') {
    return (
      <main className="gp-panel gp-loading">
        <Spinner label={t('common.loading')} />
      </main>
    );
  }
  if (state.kind === 'error') {
    return (
      <main className="gp-panel">
        <SectionMessage
          appearance="error"
          title={t('panel.loadError.title')}
          announce
          actions={
            <button type="button" className="tdm-button" onClick={() => void guardrail.reload()}>
              {t('common.tryAgain')}
            </button>
          }
        >
          <p>{errorMessage(state.error)}</p>
        </SectionMessage>
      </main>
    );
  }
  if (!state.view.issue.isGuardrailType) {
    return (
      <main className="gp-panel">
        <p className="gp-plain">{t('panel.notApplicable')}</p>
      </main>
    );
  }
  return <Guardrail host={host} view={state.view} guardrail={guardrail} me={me} />;
}

function Guardrail({
  host,
  view,
  guardrail,
  me
}: {
  host: HostInfo;
  view: GuardrailView;
  guardrail: ReturnType<typeof useGuardrail>;
  me: string | undefined;
}) {
  const record = view.approval.record;
  const { audit } = guardrail;
  const people = useMemo(() => {
    const ids: string[] = [];
    if (record !== null) {
      ids.push(record.requestedBy, ...record.grants.map((grant) => grant.by));
      if (record.decidedBy !== undefined) ids.push(record.decidedBy);
    }
    if (audit.kind === 'ready') ids.push(...audit.events.map((event) => event.actor));
    return ids.filter((id) => id !== me);
  }, [record, audit, me]);
  const names = useDisplayNames(people);
  const who = (accountId: string): string =>
    accountId === me ? t('panel.you') : (names.get(accountId) ?? accountId);

  const saved = useMemo(() => normalise(view.definition), [view.definition]);
  const [draft, setDraft] = useState<PageDefinition>(saved);
  const [importFindings, setImportFindings] = useState<GuardrailView['evaluation']['findings']>([]);
  // The server's answer replaces the editor's content (after a save, a decision, a reload).
  const [shown, setShown] = useState(saved);
  if (shown !== saved) {
    setShown(saved);
    setDraft(saved);
    setImportFindings([]);
  }

  const dirty = canonical(forSaving(draft)) !== canonical(forSaving(saved));
  const live = useMemo(() => evaluateDefinition(forSaving(draft), view.policy), [draft, view.policy]);
  const { canEdit } = view.permissions;

  return (
    <main className="gp-panel">
      {!view.issue.enforceable && (
        <SectionMessage appearance="warning" title={t('panel.advisory.title')}>
          <p>{t('panel.advisory.body')}</p>
        </SectionMessage>
      )}
      {view.issue.keptAfterTypeChange && (
        <SectionMessage appearance="information" title={t('panel.keptAfterTypeChange.title')}>
          <p>{t('panel.keptAfterTypeChange.body', { type: view.issue.issueTypeName })}</p>
        </SectionMessage>
      )}

      <DecisionSummary view={view} evaluation={dirty ? live : view.evaluation} dirty={dirty} />

      <ApprovalSection
        host={host}
        view={view}
        dirty={dirty}
        liveDecision={live.decision}
        guardrail={guardrail}
        who={who}
      />

      {canEdit ? (
        <>
          <Editor
            draft={draft}
            onChange={setDraft}
            policy={view.policy}
            evaluation={live}
            dirty={dirty}
            approvalState={view.approval.state}
            onSave={() => guardrail.save(forSaving(draft))}
            onDiscard={() => {
              setDraft(saved);
              setImportFindings([]);
            }}
          />
          <ImportHtml
            importHtml={guardrail.importHtml}
            findings={importFindings}
            onImported={(definition, findings) => {
              setDraft(normalise(definition));
              setImportFindings(findings);
            }}
          />
        </>
      ) : (
        <DefinitionSummary definition={view.definition} policy={view.policy} evaluation={view.evaluation} />
      )}

      <AuditTrail
        host={host}
        who={who}
        audit={guardrail.audit}
        onRetry={() => void guardrail.reloadAudit()}
      />
    </main>
  );
}
