import type { LaneDelta, PersonView, PlanView, WhatIfChangeInput } from '@contract/capacity';
import { useId, useState } from 'react';
import type { HostInfo } from '../../../common/bootstrap';
import { runWhatIf } from '../../../common/client';
import { Lozenge, SectionMessage, Spinner } from '../../../common/components';
import { errorMessage } from '../../../common/errors';
import { SelectField, TextField } from '../../../common/fields';
import { t } from '../../../common/i18n';
import type { Announce } from '../App';
import { clearDirection, formatDay, formatNumber, parsePercent } from '../model';
import { clearText } from './clear';

type Kind = 'share' | 'timeOff' | 'addPerson' | 'drop';
const KINDS: ReadonlyArray<{
  value: Kind;
  label:
    | 'lanes.whatIf.kind.share'
    | 'lanes.whatIf.kind.timeOff'
    | 'lanes.whatIf.kind.addPerson'
    | 'lanes.whatIf.kind.drop';
}> = [
  { value: 'share', label: 'lanes.whatIf.kind.share' },
  { value: 'timeOff', label: 'lanes.whatIf.kind.timeOff' },
  { value: 'addPerson', label: 'lanes.whatIf.kind.addPerson' },
  { value: 'drop', label: 'lanes.whatIf.kind.drop' }
];

/** Hypothetical people get ids no Atlassian account has, so they never meet a real one. */
const NEW_PERSON_PREFIX = 'what-if-person-';

function DateInput({
  label,
  value,
  onChange
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = useId();
  return (
    <div className="tdm-field">
      <label htmlFor={id} className="tdm-label">
        {label}
      </label>
      <input
        id={id}
        className="tdm-input"
        type="date"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

export function WhatIf({
  host,
  projectId,
  plan,
  people,
  deltas,
  onResult,
  announce
}: {
  host: HostInfo;
  projectId: string;
  plan: PlanView;
  people: ReadonlyArray<PersonView>;
  deltas: LaneDelta[] | null;
  onResult: (result: { plan: PlanView; deltas: LaneDelta[] } | null) => void;
  announce: Announce;
}) {
  const configured = people.filter((p) => p.inSettings);
  const [kind, setKind] = useState<Kind>('share');
  const [person, setPerson] = useState(configured[0]?.accountId ?? '');
  const [laneId, setLaneId] = useState(plan.lanes[0]?.id ?? '');
  const [share, setShare] = useState('50');
  const [hours, setHours] = useState('35');
  const [start, setStart] = useState(plan.today);
  const [end, setEnd] = useState(plan.today);
  const [changes, setChanges] = useState<WhatIfChangeInput[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const nameOf = (accountId: string) =>
    people.find((p) => p.accountId === accountId)?.displayName ??
    (accountId.startsWith(NEW_PERSON_PREFIX)
      ? t('lanes.whatIf.newPerson', { n: accountId.slice(NEW_PERSON_PREFIX.length) })
      : accountId);
  const laneName = (id: string) => plan.lanes.find((l) => l.id === id)?.name ?? id;

  const describe = (change: WhatIfChangeInput): string => {
    switch (change.kind) {
      case 'setShare':
        return t('lanes.whatIf.describe.share', {
          person: nameOf(change.accountId),
          share: formatNumber(change.share * 100, host.tag),
          lane: laneName(change.laneId)
        });
      case 'addTimeOff':
        return t('lanes.whatIf.describe.timeOff', {
          person: nameOf(change.entry.accountId),
          start: formatDay(change.entry.start, host.tag),
          end: formatDay(change.entry.end, host.tag)
        });
      case 'addPerson': {
        const [lane, value] = Object.entries(change.person.shares ?? {})[0] ?? ['', 0];
        return t('lanes.whatIf.describe.addPerson', {
          person: nameOf(change.person.accountId),
          hours: formatNumber(change.person.hoursPerWeek, host.tag),
          share: formatNumber(value * 100, host.tag),
          lane: laneName(lane)
        });
      }
      case 'dropIssues':
        return t('lanes.whatIf.describe.drop', { lane: laneName(change.laneId) });
      default:
        return change.kind;
    }
  };

  const build = (): WhatIfChangeInput | string => {
    switch (kind) {
      case 'share': {
        const value = parsePercent(share);
        if (value === null) return t('lanes.whatIf.invalidNumber', { min: 0, max: 100 });
        return { kind: 'setShare', accountId: person, laneId, share: value / 100 };
      }
      case 'timeOff':
        if (end < start) return t('lanes.whatIf.invalidDates');
        return { kind: 'addTimeOff', entry: { accountId: person, start, end } };
      case 'addPerson': {
        const value = parsePercent(share);
        const perWeek = parsePercent(hours, 0, 80);
        if (value === null) return t('lanes.whatIf.invalidNumber', { min: 0, max: 100 });
        if (perWeek === null) return t('lanes.whatIf.invalidNumber', { min: 0, max: 80 });
        const n = changes.filter((c) => c.kind === 'addPerson').length + 1;
        return {
          kind: 'addPerson',
          person: {
            accountId: `${NEW_PERSON_PREFIX}${n}`,
            hoursPerWeek: perWeek,
            shares: { [laneId]: value / 100 }
          }
        };
      }
      case 'drop':
        return { kind: 'dropIssues', laneId };
    }
  };

  const run = async (next: WhatIfChangeInput[]) => {
    setBusy(true);
    setProblem(null);
    announce(t('lanes.whatIf.computing'));
    const answer = await runWhatIf({ projectId, changes: next });
    setBusy(false);
    if (!answer.ok) {
      const text = errorMessage(answer.error);
      setProblem(answer.error.code === 'INVALID_INPUT' ? `${text} (${answer.error.message})` : text);
      announce(text);
      return;
    }
    setChanges(next);
    onResult(answer.data);
    announce(t('lanes.whatIf.updated', { count: formatNumber(next.length, host.tag, 0) }));
  };

  const apply = () => {
    const change = build();
    if (typeof change === 'string') {
      setProblem(change);
      announce(change);
      return;
    }
    void run([...changes, change]);
  };

  const reset = () => {
    setChanges([]);
    setProblem(null);
    onResult(null);
    announce(t('lanes.whatIf.resetDone'));
  };

  const needsPerson = kind === 'share' || kind === 'timeOff';
  const needsLane = kind !== 'timeOff';
  return (
    <aside className="lanes-whatif" aria-labelledby="lanes-whatif-heading">
      <h2 id="lanes-whatif-heading" className="lanes-h2">
        {t('lanes.whatIf.heading')}
      </h2>
      <p className="tdm-small tdm-subtle">{t('lanes.whatIf.intro')}</p>
      <form
        className="lanes-whatif__form"
        onSubmit={(event) => {
          event.preventDefault();
          apply();
        }}
      >
        <SelectField<Kind>
          label={t('lanes.whatIf.change')}
          value={kind}
          options={KINDS.map((k) => ({ value: k.value, label: t(k.label) }))}
          onChange={setKind}
        />
        {needsPerson &&
          (configured.length === 0 ? (
            <p className="tdm-small">{t('lanes.whatIf.noPeople')}</p>
          ) : (
            <SelectField
              label={t('lanes.whatIf.person')}
              value={person}
              options={configured.map((p) => ({ value: p.accountId, label: p.displayName }))}
              onChange={setPerson}
            />
          ))}
        {needsLane && (
          <SelectField
            label={t('lanes.whatIf.lane')}
            value={laneId}
            options={plan.lanes.map((l) => ({ value: l.id, label: l.name }))}
            onChange={setLaneId}
          />
        )}
        {kind === 'addPerson' && (
          <TextField label={t('lanes.whatIf.hours')} value={hours} onChange={setHours} />
        )}
        {(kind === 'share' || kind === 'addPerson') && (
          <TextField label={t('lanes.whatIf.share')} value={share} onChange={setShare} />
        )}
        {kind === 'timeOff' && (
          <>
            <DateInput label={t('lanes.whatIf.start')} value={start} onChange={setStart} />
            <DateInput label={t('lanes.whatIf.end')} value={end} onChange={setEnd} />
          </>
        )}
        <div className="lanes-whatif__actions">
          <button
            type="submit"
            className="tdm-button tdm-button--primary"
            disabled={busy || (needsPerson && configured.length === 0)}
          >
            {t('lanes.whatIf.apply')}
          </button>
          <button
            type="button"
            className="tdm-button"
            onClick={reset}
            disabled={busy || changes.length === 0}
          >
            {t('lanes.whatIf.reset')}
          </button>
          {busy && <Spinner label={t('lanes.whatIf.computing')} />}
        </div>
      </form>
      {problem !== null && (
        <SectionMessage appearance="error" headingLevel={3}>
          <p>{problem}</p>
        </SectionMessage>
      )}
      {changes.length > 0 && deltas !== null && (
        <div className="lanes-whatif__result" data-testid="lanes-whatif-result">
          <p>
            <Lozenge appearance="moved">{t('lanes.whatIf.notSaved')}</Lozenge>
          </p>
          <h3 className="lanes-h4">{t('lanes.whatIf.applied')}</h3>
          <ul className="tdm-small">
            {changes.map((change, i) => (
              <li key={i}>{describe(change)}</li>
            ))}
          </ul>
          <table className="lanes-table" data-testid="lanes-deltas">
            <caption className="lanes-h4">{t('lanes.whatIf.deltas')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('lanes.whatIf.col.lane')}</th>
                <th scope="col">{t('lanes.whatIf.col.capacity')}</th>
                <th scope="col">{t('lanes.whatIf.col.clear')}</th>
              </tr>
            </thead>
            <tbody>
              {deltas.map((delta) => {
                const direction = clearDirection(delta.clearBefore, delta.clearAfter);
                return (
                  <tr key={delta.laneId} data-lane-id={delta.laneId}>
                    <th scope="row">{laneName(delta.laneId)}</th>
                    <td>
                      {t('lanes.whatIf.arrow', {
                        before: t('lanes.hours', {
                          hours: formatNumber(delta.capacityHoursBefore, host.tag)
                        }),
                        after: t('lanes.hours', { hours: formatNumber(delta.capacityHoursAfter, host.tag) })
                      })}
                    </td>
                    <td
                      className={direction > 0 ? 'lanes-worse' : direction < 0 ? 'lanes-better' : undefined}
                    >
                      {t('lanes.whatIf.arrow', {
                        before: clearText(delta.clearBefore, host.tag),
                        after: clearText(delta.clearAfter, host.tag)
                      })}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </aside>
  );
}
