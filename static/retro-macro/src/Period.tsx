/* The panels beside the board: the period's figures from Jira and the other modes' views
   (energy audit, show-and-tell agenda, joint working session). */
import type { PeriodFigures, RetroView } from '@contract/retro';
import type { HostInfo } from '../../common/bootstrap';
import { Lozenge } from '../../common/components';
import { t } from '../../common/i18n';
import { PROPOSAL_KEYS } from './labels';

export function Figures({ figures, host }: { figures: PeriodFigures; host: HostInfo }) {
  const hours = (n: number) => new Intl.NumberFormat(host.tag, { maximumFractionDigits: 1 }).format(n);
  return (
    <section aria-labelledby="retro-figures-heading" className="retro-figures">
      <h2 id="retro-figures-heading" className="retro-h2">
        {t('retro.figures.title')}
      </h2>
      <p className="tdm-subtle">
        {t('retro.figures.period', { start: figures.period.start, end: figures.period.end })}
      </p>
      <h3 className="retro-h3">{t('retro.figures.done')}</h3>
      {figures.donePerLane.length === 0 ? (
        <p className="tdm-subtle">{t('retro.figures.noneDone')}</p>
      ) : (
        <ul>
          {figures.donePerLane.map((l) => (
            <li key={l.lane ?? '-'}>
              {l.lane ?? t('retro.figures.noLane')} — {l.count}
            </li>
          ))}
        </ul>
      )}
      <h3 className="retro-h3">{t('retro.figures.approvals')}</h3>
      <p>
        {t('retro.figures.approvalsLine', {
          decided: figures.approvals.decided,
          pending: figures.approvals.pending
        })}
      </p>
      {figures.approvals.medianHours !== null && (
        <p>{t('retro.figures.median', { hours: hours(figures.approvals.medianHours) })}</p>
      )}
      {figures.approvals.slowest && (
        <p>
          {t('retro.figures.slowest', {
            key: figures.approvals.slowest.issueKey,
            hours: hours(figures.approvals.slowest.hours)
          })}
        </p>
      )}
      <h3 className="retro-h3">{t('retro.figures.experiments')}</h3>
      <p>{t('retro.figures.started', { count: figures.experiments.started.length })}</p>
      <p>{t('retro.figures.stopped', { count: figures.experiments.stopped.length })}</p>
      <ul>
        {figures.experiments.stopped.map((e) => (
          <li key={e.issueKey}>
            {t('retro.figures.outcome', { key: e.issueKey, summary: e.summary, outcome: e.outcome ?? '—' })}
          </li>
        ))}
      </ul>
      <h3 className="retro-h3">{t('retro.figures.protected')}</h3>
      {figures.protectedTime ? (
        <p>
          {t('retro.figures.protectedLine', {
            logged: hours(figures.protectedTime.loggedHours),
            planned: hours(figures.protectedTime.plannedHours)
          })}
        </p>
      ) : (
        <p className="tdm-subtle">{t('retro.figures.noProtected')}</p>
      )}
    </section>
  );
}

export function Energy({ view }: { view: RetroView }) {
  const items = view.energy ?? [];
  return (
    <section aria-labelledby="retro-energy-heading" className="retro-section">
      <h2 id="retro-energy-heading" className="retro-h2">
        {t('retro.energy.title')}
      </h2>
      {items.length === 0 ? (
        <p className="tdm-subtle">{t('retro.energy.none')}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.cardIds[0]}>
              {item.work} —{' '}
              {t('retro.energy.counts', {
                energising: item.energising,
                neutral: item.neutral,
                draining: item.draining
              })}{' '}
              {item.proposal && <Lozenge appearance="moved">{t(PROPOSAL_KEYS[item.proposal])}</Lozenge>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Agenda({ view }: { view: RetroView }) {
  const text = (id: string) => view.board.cards.find((c) => c.id === id)?.text ?? '';
  return (
    <section aria-labelledby="retro-agenda-heading" className="retro-section">
      <h2 id="retro-agenda-heading" className="retro-h2">
        {t('retro.agenda.title')}
      </h2>
      <ol>
        {(view.agenda ?? []).map((slot) => (
          <li key={slot.cardId}>
            {text(slot.cardId)} —{' '}
            {slot.minutes > 0 ? t('retro.agenda.slot', { minutes: slot.minutes }) : t('retro.agenda.next')}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Joint({ view }: { view: RetroView }) {
  const joint = view.joint;
  if (!joint) return null;
  return (
    <section aria-labelledby="retro-joint-heading" className="retro-section">
      <h2 id="retro-joint-heading" className="retro-h2">
        {t('retro.joint.title')}
      </h2>
      <h3 className="retro-h3">{t('retro.joint.progress')}</h3>
      <ul>
        {joint.progress.map((row) => (
          <li key={row.lane ?? '-'}>
            {row.lane ?? t('retro.figures.noLane')} —{' '}
            {t('retro.joint.progressLine', { done: row.done, inProgress: row.inProgress, todo: row.todo })}
          </li>
        ))}
      </ul>
      <h3 className="retro-h3">{t('retro.joint.blocked')}</h3>
      {joint.blocked.length === 0 ? (
        <p className="tdm-subtle">{t('retro.joint.none')}</p>
      ) : (
        <ul>
          {joint.blocked.map((i) => (
            <li key={i.issueKey}>
              {i.issueKey} {i.summary}
            </li>
          ))}
        </ul>
      )}
      <h3 className="retro-h3">{t('retro.joint.decisions')}</h3>
      {joint.decisionsDue.length === 0 ? (
        <p className="tdm-subtle">{t('retro.joint.none')}</p>
      ) : (
        <ul>
          {joint.decisionsDue.map((i) => (
            <li key={i.issueKey}>
              {i.issueKey} {i.summary} {i.due ?? ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
