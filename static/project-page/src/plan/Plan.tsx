import type { LaneDelta, MonteCarloView, PersonView, PlanLaneView, PlanView } from '@contract/capacity';
import { useState } from 'react';
import type { HostInfo } from '../../../common/bootstrap';
import { Lozenge } from '../../../common/components';
import { getLocale, t } from '../../../common/i18n';
import type { Announce } from '../App';
import { LANE_FALLBACK, chartBars, formatDay, formatNumber, tokenVar, warningText } from '../model';
import { clearText } from './clear';
import { WhatIf } from './WhatIf';

const CHART_WIDTH = 420;
const CHART_HEIGHT = 120;
const LABEL_ROOM = 18;

function monteCarloText(mc: MonteCarloView, tag: string): string {
  switch (mc.status) {
    case 'nothingOpen':
      return t('lanes.mc.nothingOpen');
    case 'notEnoughHistory':
      return t('lanes.mc.notEnough', { weeks: formatNumber(mc.historyWeeks, tag, 0) });
    case 'forecast':
      return t('lanes.mc.forecast', {
        p50: mc.p50 === null ? t('lanes.mc.beyond') : formatDay(mc.p50, tag),
        p85: mc.p85 === null ? t('lanes.mc.beyond') : formatDay(mc.p85, tag)
      });
  }
}

/** The chart draws what the table says: both read `periodCapacityHours`. */
function CapacityChart({ lane, plan, host }: { lane: PlanLaneView; plan: PlanView; host: HostInfo }) {
  const bars = chartBars(lane.periodCapacityHours, CHART_WIDTH, CHART_HEIGHT - LABEL_ROOM);
  return (
    <svg
      className="lanes-chart"
      viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT + LABEL_ROOM}`}
      aria-hidden="true"
      focusable="false"
      data-testid={`lanes-chart-${lane.id}`}
    >
      {bars.map((bar, i) => (
        <g key={i}>
          <rect
            className="lanes-chart__bar"
            x={bar.x}
            y={bar.y + LABEL_ROOM}
            width={bar.width}
            height={bar.height}
            rx={2}
          />
          <text
            className="lanes-chart__value"
            x={bar.x + bar.width / 2}
            y={bar.y + LABEL_ROOM - 4}
            textAnchor="middle"
            data-value={bar.value}
          >
            {formatNumber(bar.value, host.tag)}
          </text>
          <text
            className="lanes-chart__label"
            x={bar.x + bar.width / 2}
            y={CHART_HEIGHT + LABEL_ROOM - 2}
            textAnchor="middle"
          >
            {formatDay(plan.periods[i]?.start ?? '', host.tag, 'short')}
          </text>
        </g>
      ))}
    </svg>
  );
}

function LanePlan({ lane, plan, host }: { lane: PlanLaneView; plan: PlanView; host: HostInfo }) {
  const hours = (value: number) => t('lanes.hours', { hours: formatNumber(value, host.tag) });
  return (
    <section className="lanes-plan__lane" aria-labelledby={`lanes-plan-${lane.id}`} data-lane-id={lane.id}>
      <h3 id={`lanes-plan-${lane.id}`} className="lanes-plan__name">
        <span
          className="lanes-lane__swatch"
          style={{ backgroundColor: tokenVar(lane.colourToken, LANE_FALLBACK) }}
          aria-hidden="true"
        />
        {lane.name}
      </h3>
      <dl className="lanes-plan__facts">
        <div>
          <dt>{t('lanes.plan.load')}</dt>
          <dd>
            {hours(lane.loadHours)} ·{' '}
            {t('lanes.plan.openCount', { count: formatNumber(lane.openCount, host.tag, 0) })}
          </dd>
        </div>
        <div>
          <dt>{t('lanes.whatIf.col.clear')}</dt>
          <dd data-testid={`lanes-clear-${lane.id}`}>
            {clearText(lane.clear, host.tag)}
            {lane.periodsToClear !== null && lane.periodsToClear > 0 && (
              <span className="tdm-subtle">
                {' · '}
                {t('lanes.periodsToClear', { count: formatNumber(lane.periodsToClear, host.tag, 0) })}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('lanes.mc.label')}</dt>
          <dd>{monteCarloText(lane.monteCarlo, host.tag)}</dd>
        </div>
      </dl>
      {lane.warnings.length > 0 && (
        <ul className="lanes-warnings" aria-label={t('lanes.warnings')}>
          {lane.warnings.map((w, i) => (
            <li key={`${w.warning.code}-${i}`} className="lanes-warning">
              {warningText(w, getLocale())}
            </li>
          ))}
        </ul>
      )}
      <figure className="lanes-plan__figure">
        <figcaption className="tdm-small tdm-subtle">{t('lanes.plan.chart', { lane: lane.name })}</figcaption>
        <CapacityChart lane={lane} plan={plan} host={host} />
      </figure>
      <table className="tdm-sr-only" data-testid={`lanes-table-${lane.id}`}>
        <caption>{t('lanes.plan.table', { lane: lane.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('lanes.plan.periodCol')}</th>
            <th scope="col">{t('lanes.plan.capacityCol')}</th>
          </tr>
        </thead>
        <tbody>
          {lane.periodCapacityHours.map((value, i) => (
            <tr key={i}>
              <th scope="row">
                {formatDay(plan.periods[i]?.start ?? '', host.tag)} –{' '}
                {formatDay(plan.periods[i]?.end ?? '', host.tag)}
              </th>
              <td data-value={value}>{formatNumber(value, host.tag)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4 className="lanes-h4">{t('lanes.plan.missed.heading')}</h4>
      {lane.missedTargets.length === 0 ? (
        <p className="tdm-small tdm-subtle">{t('lanes.plan.missed.none')}</p>
      ) : (
        <table className="lanes-table">
          <thead>
            <tr>
              <th scope="col">{t('lanes.plan.missed.issue')}</th>
              <th scope="col">{t('lanes.plan.missed.target')}</th>
              <th scope="col">{t('lanes.plan.missed.forecast')}</th>
              <th scope="col">{t('lanes.plan.missed.by')}</th>
            </tr>
          </thead>
          <tbody>
            {lane.missedTargets.map((missed) => (
              <tr key={missed.id}>
                <th scope="row">
                  {missed.key} <span className="tdm-subtle">{missed.summary}</span>
                </th>
                <td>{formatDay(missed.targetDate, host.tag)}</td>
                <td>
                  {missed.forecastDate === null
                    ? t('lanes.plan.missed.never')
                    : formatDay(missed.forecastDate, host.tag)}
                </td>
                <td>
                  {missed.byWorkingDays === null
                    ? t('lanes.plan.missed.never')
                    : t('lanes.plan.missed.days', { days: formatNumber(missed.byWorkingDays, host.tag, 0) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export default function Plan({
  host,
  projectId,
  plan: saved,
  people,
  announce
}: {
  host: HostInfo;
  projectId: string;
  plan: PlanView;
  people: ReadonlyArray<PersonView>;
  announce: Announce;
}) {
  const [whatIf, setWhatIf] = useState<{ plan: PlanView; deltas: LaneDelta[] } | null>(null);
  const plan = whatIf?.plan ?? saved;
  return (
    <div className="lanes-plan">
      <div className="lanes-plan__main">
        <h2 className="lanes-h2">
          {t('lanes.plan.heading')}{' '}
          {whatIf !== null && (
            <span data-testid="lanes-not-saved">
              <Lozenge appearance="moved">{t('lanes.whatIf.notSaved')}</Lozenge>
            </span>
          )}
        </h2>
        {plan.lanes.map((lane) => (
          <LanePlan key={lane.id} lane={lane} plan={plan} host={host} />
        ))}
      </div>
      <WhatIf
        host={host}
        projectId={projectId}
        plan={saved}
        people={people}
        deltas={whatIf?.deltas ?? null}
        onResult={setWhatIf}
        announce={announce}
      />
    </div>
  );
}
