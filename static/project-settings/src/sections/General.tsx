import { NumberField, SelectField } from '../../../common/fields';
import { t } from '../../../common/i18n';
import { DateField, DecimalField } from '../controls';
import { EXPERIMENTS_BAND, fromPercent, toPercent } from '../model';
import type { SectionProps } from './types';

/** Monday of the current week: a sprint needs an anchor, and this one is always a sensible start. */
function thisMonday(): string {
  const now = new Date();
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${monday.getFullYear()}-${pad(monday.getMonth() + 1)}-${pad(monday.getDate())}`;
}

/** Period, protected future-ops time, the experiments share and the estimate unit. */
export function General({ draft, change, problem, readOnly }: SectionProps) {
  const { period, estimate } = draft;
  return (
    <fieldset className="ps-fieldset" disabled={readOnly}>
      <div className="ps-grid">
        <SelectField
          label={t('ps.general.period')}
          value={period.kind}
          options={[
            { value: 'week', label: t('ps.general.period.week') },
            { value: 'sprint', label: t('ps.general.period.sprint') }
          ]}
          onChange={(kind) =>
            change((d) => ({
              ...d,
              period: kind === 'week' ? { kind: 'week' } : { kind: 'sprint', weeks: 2, anchor: thisMonday() }
            }))
          }
        />
        {period.kind === 'sprint' && (
          <>
            <NumberField
              key="weeks"
              label={t('ps.general.sprintWeeks')}
              value={period.weeks}
              {...problem('period.weeks')}
              onChange={(weeks) => change((d) => ({ ...d, period: { ...period, weeks: weeks ?? NaN } }))}
            />
            <DateField
              label={t('ps.general.anchor')}
              help={t('ps.general.anchorHelp')}
              value={period.anchor}
              disabled={readOnly}
              {...problem('period.anchor')}
              onChange={(anchor) => change((d) => ({ ...d, period: { ...period, anchor: anchor ?? '' } }))}
            />
          </>
        )}
      </div>
      <div className="ps-grid">
        <DecimalField
          label={t('ps.general.futureOps')}
          help={t('ps.general.futureOpsHelp')}
          suffix="h"
          disabled={readOnly}
          value={draft.futureOpsHoursPerWeek}
          {...problem('futureOpsHoursPerWeek')}
          onChange={(value) => change((d) => ({ ...d, futureOpsHoursPerWeek: value ?? NaN }))}
        />
        <DecimalField
          label={t('ps.general.experiments')}
          help={t('ps.general.experimentsHelp', {
            min: toPercent(EXPERIMENTS_BAND.min),
            max: toPercent(EXPERIMENTS_BAND.max)
          })}
          suffix="%"
          disabled={readOnly}
          value={toPercent(draft.experimentsShare)}
          {...problem('experimentsShare')}
          onChange={(value) =>
            change((d) => ({ ...d, experimentsShare: value === null ? NaN : fromPercent(value) }))
          }
        />
      </div>
      <div className="ps-grid">
        <SelectField
          label={t('ps.general.estimate')}
          value={estimate.unit}
          options={[
            { value: 'time', label: t('ps.general.estimate.time') },
            { value: 'storyPoints', label: t('ps.general.estimate.points') }
          ]}
          onChange={(unit) =>
            change((d) => ({
              ...d,
              estimate: unit === 'time' ? { unit: 'time' } : { unit: 'storyPoints', hoursPerPoint: 4 }
            }))
          }
        />
        {estimate.unit === 'storyPoints' && (
          <DecimalField
            label={t('ps.general.hoursPerPoint')}
            suffix="h"
            disabled={readOnly}
            value={estimate.hoursPerPoint}
            {...problem('estimate.hoursPerPoint')}
            onChange={(value) =>
              change((d) => ({ ...d, estimate: { unit: 'storyPoints', hoursPerPoint: value ?? NaN } }))
            }
          />
        )}
      </div>
    </fieldset>
  );
}
