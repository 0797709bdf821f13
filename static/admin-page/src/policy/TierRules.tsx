import { t } from '../../../common/i18n';
import { NumberField, TextField } from '../../../common/fields';
import {
  CHECK_LABEL,
  fieldLabel,
  TIER_CHECKS,
  TIERS,
  tierName,
  type Policy,
  type Tier,
  type TierRule
} from './model';

/** Approver group, SLA, retention ceiling and required checks of each tier T0–T4. */
export function TierRules({
  tiers,
  problems,
  onChange
}: {
  tiers: Policy['tiers'];
  problems: ReadonlyMap<string, string>;
  onChange: (tier: Tier, rule: TierRule) => void;
}) {
  return (
    <div className="adm-table-wrap">
      <table className="tdm-table adm-tiers">
        <caption className="tdm-sr-only">{t('policy.tiers.heading')}</caption>
        <thead>
          <tr>
            <th scope="col" className="adm-col-tier">
              {t('policy.tiers.col.tier')}
            </th>
            <th scope="col">{t('policy.tiers.col.group')}</th>
            <th scope="col" className="adm-col-number">
              {t('policy.tiers.col.sla')}
            </th>
            <th scope="col" className="adm-col-number">
              {t('policy.tiers.col.retention')}
            </th>
            <th scope="col">{t('policy.tiers.col.checks')}</th>
          </tr>
        </thead>
        <tbody>
          {TIERS.map((tier) => {
            const rule = tiers[tier];
            const path = (field: keyof TierRule) => `tiers.${tier}.${field}`;
            const set = (patch: Partial<TierRule>) => onChange(tier, { ...rule, ...patch });
            return (
              <tr key={tier}>
                <th scope="row" className="adm-item-name">
                  <div>{tier}</div>
                  <div className="tdm-small tdm-subtle adm-tier-name">{tierName(tier)}</div>
                </th>
                {tier === 'T4' ? (
                  <td colSpan={4} className="tdm-subtle">
                    {t('policy.tiers.t4')}
                  </td>
                ) : (
                  <>
                    <td>
                      <TextField
                        hideLabel
                        label={fieldLabel(path('approverGroup'))}
                        value={rule.approverGroup ?? ''}
                        placeholder={t('policy.tiers.noGroup')}
                        problem={problems.get(path('approverGroup'))}
                        onChange={(value) =>
                          // The id belonged to the group named before; the server looks the new name up.
                          set({ approverGroup: value === '' ? null : value, approverGroupId: null })
                        }
                      />
                    </td>
                    <td>
                      <NumberField
                        hideLabel
                        nullable
                        label={fieldLabel(path('approvalSlaHours'))}
                        value={rule.approvalSlaHours}
                        placeholder={t('policy.tiers.noSla')}
                        problem={problems.get(path('approvalSlaHours'))}
                        onChange={(value) => set({ approvalSlaHours: value })}
                      />
                    </td>
                    <td>
                      <NumberField
                        hideLabel
                        nullable
                        label={fieldLabel(path('maxRetentionMonths'))}
                        value={rule.maxRetentionMonths}
                        placeholder={t('policy.tiers.noLimit')}
                        problem={problems.get(path('maxRetentionMonths'))}
                        onChange={(value) => set({ maxRetentionMonths: value })}
                      />
                    </td>
                    <td>
                      <fieldset className="adm-fieldset">
                        <legend className="tdm-sr-only">{fieldLabel(path('checks'))}</legend>
                        <ul className="adm-checks">
                          {TIER_CHECKS.map((check) => (
                            <li key={check}>
                              <label className="adm-radio">
                                <input
                                  type="checkbox"
                                  className="tdm-checkbox"
                                  checked={rule.checks.includes(check)}
                                  onChange={(event) =>
                                    set({
                                      checks: event.target.checked
                                        ? TIER_CHECKS.filter((c) => c === check || rule.checks.includes(c))
                                        : rule.checks.filter((c) => c !== check)
                                    })
                                  }
                                />
                                {t(CHECK_LABEL[check])}
                              </label>
                            </li>
                          ))}
                        </ul>
                      </fieldset>
                    </td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
