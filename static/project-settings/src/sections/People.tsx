import { useState } from 'react';
import { NumberField } from '../../../common/fields';
import { useProblem } from '../../../common/fields';
import { getLocale, t } from '../../../common/i18n';
import { DecimalField, PeopleSearch } from '../controls';
import {
  addPerson,
  dedicatedLanes,
  formatDecimal,
  isOverFull,
  removePerson,
  setShare,
  shareSum,
  toPercent,
  type Person
} from '../model';
import type { FieldProblemProps, SectionProps } from './types';

/** The live total of a person's shares; over 100 % is flagged as it is typed. */
function ShareTotal({ sum, name, problem }: { sum: number; name: string; problem: FieldProblemProps }) {
  const error = useProblem(problem.problem, problem.announceProblem);
  const over = isOverFull(sum);
  return (
    <div className="ps-total">
      <span
        className={over ? 'ps-total__value ps-total__value--over' : 'ps-total__value'}
        aria-live="polite"
        aria-describedby={error.describedBy}
        data-person={name}
      >
        {t('ps.people.percent', { value: formatDecimal(sum, getLocale()) })}
        {over && <span className="tdm-small"> {t('ps.people.over')}</span>}
      </span>
      {error.node}
    </div>
  );
}

/** People: hours, dedicated shares per dedicated lane (in %), WIP limit; added from a people search. */
export function People(props: SectionProps) {
  const { draft, change, problem, readOnly, nameOf, announce } = props;
  const lanes = dedicatedLanes(draft);
  const [generation, setGeneration] = useState(0);
  const set = (index: number, edit: (person: Person) => Person) =>
    change((d) => ({ ...d, people: d.people.map((person, i) => (i === index ? edit(person) : person)) }));

  return (
    <>
      {draft.people.length === 0 ? (
        <p className="tdm-subtle">{t('ps.people.none')}</p>
      ) : (
        <div className="ps-table-wrap">
          <table className="tdm-table ps-table">
            <caption className="tdm-sr-only">{t('ps.people.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ps.people.col.person')}</th>
                <th scope="col">{t('ps.people.col.hours')}</th>
                {lanes.map((lane) => (
                  <th scope="col" key={lane.id}>
                    {t('ps.people.col.share', { lane: lane.name })}
                  </th>
                ))}
                <th scope="col">{t('ps.people.col.total')}</th>
                <th scope="col">{t('ps.people.col.wip')}</th>
                {!readOnly && (
                  <th scope="col">
                    <span className="tdm-sr-only">{t('ps.col.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {draft.people.map((person, index) => {
                const name = nameOf(person.accountId);
                const path = `people[${index}]`;
                return (
                  <tr key={`${generation}-${index}`}>
                    <th scope="row">{name}</th>
                    <td>
                      <DecimalField
                        label={t('ps.people.hoursOf', { name })}
                        hideLabel
                        suffix="h"
                        disabled={readOnly}
                        value={person.hoursPerWeek}
                        {...problem(`${path}.hoursPerWeek`)}
                        onChange={(value) => set(index, (p) => ({ ...p, hoursPerWeek: value ?? NaN }))}
                      />
                    </td>
                    {lanes.map((lane) => {
                      const share = person.shares[lane.id];
                      return (
                        <td key={lane.id}>
                          <DecimalField
                            label={t('ps.people.shareOf', { name, lane: lane.name })}
                            hideLabel
                            suffix="%"
                            nullable
                            disabled={readOnly}
                            value={share === undefined ? null : toPercent(share)}
                            {...problem(`${path}.shares.${lane.id}`)}
                            onChange={(value) => set(index, (p) => setShare(p, lane.id, value))}
                          />
                        </td>
                      );
                    })}
                    <td>
                      <ShareTotal
                        sum={shareSum(person, draft.lanes)}
                        name={name}
                        problem={problem(`${path}.shares`)}
                      />
                    </td>
                    <td>
                      <fieldset className="ps-fieldset" disabled={readOnly}>
                        <NumberField
                          label={t('ps.people.wipOf', { name })}
                          hideLabel
                          value={person.wipLimit}
                          {...problem(`${path}.wipLimit`)}
                          onChange={(value) => set(index, (p) => ({ ...p, wipLimit: value ?? NaN }))}
                        />
                      </fieldset>
                    </td>
                    {!readOnly && (
                      <td>
                        <button
                          type="button"
                          className="tdm-button tdm-button--subtle"
                          onClick={() => {
                            change((d) => removePerson(d, index));
                            setGeneration((n) => n + 1);
                            announce(t('ps.people.removed', { name }));
                          }}
                        >
                          {t('ps.people.remove', { name })}
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {problem('people').problem !== undefined && (
        <p className="tdm-field-error">{problem('people').problem}</p>
      )}
      {!readOnly && (
        <PeopleSearch
          projectId={props.projectId}
          label={t('ps.people.search')}
          exclude={draft.people.map((person) => person.accountId)}
          pickLabel={(user) => t('ps.people.add', { name: user.displayName })}
          onPick={(user) => {
            props.learnName(user.accountId, user.displayName);
            change((d) => addPerson(d, user.accountId));
            announce(t('ps.people.added', { name: user.displayName }));
          }}
        />
      )}
    </>
  );
}
