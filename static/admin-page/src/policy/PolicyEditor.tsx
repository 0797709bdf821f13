import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { PolicyOverview } from '@contract/guardrails';
import { savePolicy, type UiError } from '../../../common/client';
import { Lozenge, SectionMessage } from '../../../common/components';
import { errorMessage } from '../../../common/errors';
import { t } from '../../../common/i18n';
import { DomainList } from './DomainList';
import { KindTiers } from './KindTiers';
import { ModuleLibrary } from './ModuleLibrary';
import { NumberField, SelectField, TextField } from '../../../common/fields';
import {
  DOMAIN_LIST_LABEL,
  fieldLabel,
  normalise,
  PAGE_CHECK_LABEL,
  PAGE_CHECK_SEVERITIES,
  PAGE_CHECKS,
  samePolicy,
  SEVERITY_LABEL,
  TIERS,
  tierOption,
  validatePolicy,
  type DomainList as DomainListName,
  type FieldProblem,
  type Policy,
  type TrackerCategory,
  withTracker
} from './model';
import { TierRules } from './TierRules';

function Section({ title, lead, children }: { title: string; lead?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="adm-policy-section" aria-labelledby={id}>
      <h3 id={id} className="adm-h3">
        {title}
      </h3>
      {lead !== undefined && <p className="tdm-subtle adm-help adm-lead">{lead}</p>}
      {children}
    </section>
  );
}

/** Problems of a list's items, by index, from paths like `allowedDomains.scripts[2]`. */
function indexed(problems: readonly FieldProblem[], prefix: string): Map<number, string> {
  const found = new Map<number, string>();
  for (const problem of problems) {
    if (!problem.path.startsWith(`${prefix}[`)) continue;
    const index = Number(/^\[(\d+)\]/.exec(problem.path.slice(prefix.length))?.[1]);
    if (Number.isInteger(index) && !found.has(index)) found.set(index, problem.message);
  }
  return found;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'invalid' }
  | { kind: 'conflict' }
  | { kind: 'failed'; error: UiError };

/**
 * The form over a copy of the policy in force. Save sends the whole policy with the version it
 * started from; the server names the new version, or refuses with CONFLICT when someone saved
 * in between (nothing is written then).
 */
export function PolicyEditor({
  overview,
  onSaved,
  onReload,
  onDirtyChange
}: {
  overview: PolicyOverview;
  onSaved: (overview: PolicyOverview) => void;
  onReload: () => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const inForce = overview.current;
  const [draft, setDraft] = useState<Policy>(inForce);
  // Remounts the fields (which keep what is typed) when the draft is reset from outside.
  const [generation, setGeneration] = useState(0);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [showAll, setShowAll] = useState(false);

  const dirty = !samePolicy(draft, inForce);
  const problems = useMemo(() => validatePolicy(draft), [draft]);
  const byPath = useMemo(() => {
    const map = new Map<string, string>();
    for (const problem of problems) if (!map.has(problem.path)) map.set(problem.path, problem.message);
    return map;
  }, [problems]);

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);

  const update = (patch: Partial<Policy>) => {
    setDraft((previous) => ({ ...previous, ...patch }));
    if (save.kind === 'failed' || save.kind === 'invalid') setSave({ kind: 'idle' });
  };

  const reset = () => {
    setDraft(inForce);
    setGeneration((n) => n + 1);
    setSave({ kind: 'idle' });
  };

  const submit = async () => {
    if (save.kind === 'saving') return;
    if (problems.length > 0) {
      setShowAll(true);
      setSave({ kind: 'invalid' });
      return;
    }
    setSave({ kind: 'saving' });
    const result = await savePolicy({
      policy: normalise(draft),
      basedOn: inForce.version
    });
    if (result.ok) {
      setSave({ kind: 'idle' });
      onSaved(result.data);
    } else if (result.error.code === 'CONFLICT') {
      setSave({ kind: 'conflict' });
    } else {
      setSave({ kind: 'failed', error: result.error });
    }
  };

  const serverField = save.kind === 'failed' ? save.error.field : undefined;
  const domainProblems = (list: DomainListName) => indexed(problems, `allowedDomains.${list}`);

  return (
    <div className="adm-editor" key={generation}>
      {overview.groupWarnings.length > 0 && (
        <SectionMessage appearance="warning" title={t('policy.groups.unknownTitle')} headingLevel={3}>
          <p>{t('policy.groups.unknownBody')}</p>
          <ul className="adm-list">
            {overview.groupWarnings.map((warning) => (
              <li key={warning.field}>
                {t('policy.groups.unknownItem', {
                  field: fieldLabel(warning.field, draft),
                  group: warning.group
                })}
              </li>
            ))}
          </ul>
        </SectionMessage>
      )}
      <Section title={t('policy.tiers.heading')} lead={t('policy.tiers.lead')}>
        <TierRules
          tiers={draft.tiers}
          problems={byPath}
          onChange={(tier, rule) => update({ tiers: { ...draft.tiers, [tier]: rule } })}
        />
      </Section>

      <Section title={t('policy.it.heading')} lead={t('policy.it.lead')}>
        <div className="adm-grid">
          <TextField
            label={t('policy.it.group')}
            value={draft.itApproverGroup}
            problem={byPath.get('itApproverGroup')}
            onChange={(itApproverGroup) => update({ itApproverGroup })}
          />
          <NumberField
            label={t('policy.it.sla')}
            value={draft.itApprovalSlaHours}
            problem={byPath.get('itApprovalSlaHours')}
            onChange={(value) => update({ itApprovalSlaHours: value ?? NaN })}
          />
        </div>
        <div className="adm-grid">
          {PAGE_CHECKS.map((check) => (
            <SelectField
              key={check}
              label={t(PAGE_CHECK_LABEL[check])}
              value={draft.pageChecks[check]}
              options={PAGE_CHECK_SEVERITIES.map((severity) => ({
                value: severity,
                label: t(SEVERITY_LABEL[severity])
              }))}
              onChange={(severity) => update({ pageChecks: { ...draft.pageChecks, [check]: severity } })}
            />
          ))}
        </div>
      </Section>

      <Section title={t('policy.kinds.heading')} lead={t('policy.kinds.lead')}>
        <div className="adm-grid">
          <SelectField
            label={t('policy.unplaced.label')}
            help={t('policy.unplaced.help')}
            value={draft.unplacedFieldTier}
            options={TIERS.map((tier) => ({ value: tier, label: tierOption(tier) }))}
            onChange={(unplacedFieldTier) => update({ unplacedFieldTier })}
          />
        </div>
        <KindTiers
          kindTiers={draft.kindTiers}
          inForce={inForce.kindTiers}
          onChange={(kind, tier) => update({ kindTiers: { ...draft.kindTiers, [kind]: tier } })}
        />
      </Section>

      <Section title={t('policy.domains.heading')} lead={t('policy.domains.lead')}>
        {(['scripts', 'embeds'] as const).map((list) => (
          <DomainList
            key={list}
            label={t(DOMAIN_LIST_LABEL[list])}
            help={list === 'scripts' ? t('policy.domains.scriptsHelp') : t('policy.domains.embedsHelp')}
            domains={draft.allowedDomains[list]}
            problems={domainProblems(list)}
            onChange={(domains) => update({ allowedDomains: { ...draft.allowedDomains, [list]: domains } })}
            {...(list === 'scripts'
              ? {
                  trackers: {
                    categoryOf: (host: string) =>
                      draft.trackers.find((tracker) => tracker.domain === host)?.category,
                    onMark: (host: string, category: TrackerCategory | undefined) =>
                      update({ trackers: withTracker(draft.trackers, host, category) })
                  }
                }
              : {})}
          />
        ))}
      </Section>

      <Section title={t('policy.modules.heading')} lead={t('policy.modules.lead')}>
        <ModuleLibrary
          modules={draft.moduleLibrary}
          inForce={inForce.moduleLibrary}
          problems={indexed(problems, 'moduleLibrary')}
          onChange={(moduleLibrary) => update({ moduleLibrary })}
        />
      </Section>

      <Section title={t('policy.validity.heading')} lead={t('policy.validity.lead')}>
        <div className="adm-grid">
          <NumberField
            label={t('policy.validity.months')}
            value={draft.approvalValidityMonths}
            problem={byPath.get('approvalValidityMonths')}
            onChange={(value) => update({ approvalValidityMonths: value ?? NaN })}
          />
          <NumberField
            label={t('policy.validity.reminder')}
            value={draft.reReviewReminderMonths}
            problem={byPath.get('reReviewReminderMonths')}
            onChange={(value) => update({ reReviewReminderMonths: value ?? NaN })}
          />
        </div>
      </Section>

      <div className="adm-save">
        <p className="adm-help">{t('policy.effect')}</p>

        {save.kind === 'invalid' && (
          <SectionMessage appearance="error" title={t('policy.save.invalidTitle')} headingLevel={3} announce>
            <ul className="adm-list">
              {(showAll ? problems : problems.slice(0, 10)).map((problem, index) => (
                <li key={`${problem.path}-${index}`}>
                  {t('policy.save.problem', {
                    field: fieldLabel(problem.path, draft),
                    problem: problem.message
                  })}
                </li>
              ))}
            </ul>
          </SectionMessage>
        )}
        {save.kind === 'conflict' && (
          <SectionMessage
            appearance="warning"
            title={t('policy.save.conflictTitle')}
            headingLevel={3}
            announce
            actions={
              <button type="button" className="tdm-button" onClick={onReload}>
                {t('policy.save.reload')}
              </button>
            }
          >
            <p>{t('policy.save.conflictBody')}</p>
          </SectionMessage>
        )}
        {save.kind === 'failed' && (
          <SectionMessage appearance="error" title={t('policy.save.failedTitle')} headingLevel={3} announce>
            <p>
              {serverField !== undefined && save.error.code === 'INVALID_INPUT'
                ? t('common.error.INVALID_INPUT_FIELD', { field: fieldLabel(serverField, draft) })
                : errorMessage(save.error)}
            </p>
          </SectionMessage>
        )}

        <div className="adm-actions">
          <button
            type="button"
            className="tdm-button tdm-button--primary"
            disabled={!dirty || save.kind === 'saving'}
            onClick={() => void submit()}
          >
            {save.kind === 'saving' ? t('policy.save.saving') : t('policy.save.button')}
          </button>
          <button type="button" className="tdm-button" disabled={!dirty} onClick={reset}>
            {t('policy.save.reset')}
          </button>
          <span role="status" className="tdm-subtle">
            {dirty ? (
              <Lozenge appearance="moved">{t('policy.unsaved')}</Lozenge>
            ) : (
              t('policy.save.noChanges', { version: inForce.version })
            )}
          </span>
        </div>
      </div>
    </div>
  );
}
