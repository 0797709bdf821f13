import { useState } from 'react';
import { SelectField, TextField, NumberField } from '../../../common/fields';
import { t } from '../../../common/i18n';
import { DateField, PeopleSearch } from '../controls';
import { COLOUR_LABEL, KIND_LABEL } from '../labels';
import { addLane, LANE_COLOURS, LANE_KINDS, removeLane, renameLane, setLaneKind, type Lane } from '../model';
import type { SectionProps } from './types';

/** Lanes: name, kind, owner, dates, WIP limit, colour. A lane saved before keeps its id (JQL). */
export function Lanes(props: SectionProps & { savedIds: ReadonlySet<string> }) {
  const { draft, change, problem, readOnly, nameOf, savedIds, announce } = props;
  const set = (index: number, patch: Partial<Lane>) =>
    change((d) => ({ ...d, lanes: d.lanes.map((lane, i) => (i === index ? { ...lane, ...patch } : lane)) }));
  const lanesProblem = problem('lanes');
  // Fields keep what is typed: after a removal the cards below must start again from the draft.
  const [generation, setGeneration] = useState(0);
  return (
    <>
      {lanesProblem.problem !== undefined && (
        <p className="tdm-field-error" role={lanesProblem.announceProblem ? 'alert' : undefined}>
          {lanesProblem.problem}
        </p>
      )}
      <ul className="ps-cards">
        {draft.lanes.map((lane, index) => {
          const path = `lanes[${index}]`;
          const whole = problem(path);
          return (
            <li key={`${generation}-${index}`} className="ps-card" data-colour={lane.colour}>
              <fieldset className="ps-fieldset" disabled={readOnly}>
                <legend className="ps-legend">
                  <span className={`ps-swatch ps-swatch--${lane.colour}`} aria-hidden="true" />
                  {lane.name.trim() === '' ? t('ps.lanes.unnamed') : lane.name}
                  <span className="tdm-small tdm-subtle ps-jql">
                    {t('ps.lanes.jql', { jql: `tandemLane = "${lane.id}"` })}
                  </span>
                </legend>
                <div className="ps-grid">
                  <TextField
                    label={t('ps.lanes.name')}
                    value={lane.name}
                    {...problem(`${path}.name`)}
                    onChange={(name) => change((d) => renameLane(d, index, name, savedIds))}
                  />
                  <SelectField
                    label={t('ps.lanes.kind')}
                    value={lane.kind}
                    options={LANE_KINDS.map((kind) => ({ value: kind, label: t(KIND_LABEL[kind]) }))}
                    onChange={(kind) => change((d) => setLaneKind(d, index, kind))}
                  />
                  <DateField
                    label={t('ps.lanes.start')}
                    value={lane.start}
                    disabled={readOnly}
                    {...problem(`${path}.start`)}
                    onChange={(start) => set(index, { start })}
                  />
                  <DateField
                    label={t('ps.lanes.end')}
                    value={lane.end}
                    disabled={readOnly}
                    {...(whole.problem !== undefined ? whole : problem(`${path}.end`))}
                    onChange={(end) => set(index, { end })}
                  />
                  <NumberField
                    label={t('ps.lanes.wip')}
                    help={t('ps.lanes.wipHelp')}
                    value={lane.wipLimit}
                    nullable
                    {...problem(`${path}.wipLimit`)}
                    onChange={(wipLimit) => set(index, { wipLimit })}
                  />
                  <SelectField
                    label={t('ps.lanes.colour')}
                    value={lane.colour}
                    options={LANE_COLOURS.map((colour) => ({
                      value: colour,
                      label: t(COLOUR_LABEL[colour])
                    }))}
                    onChange={(colour) => set(index, { colour })}
                  />
                </div>
                <div className="ps-owner">
                  <p className="ps-owner__current">
                    <strong>{t('ps.lanes.owner')}</strong>{' '}
                    {lane.owner === null ? t('ps.lanes.noOwner') : nameOf(lane.owner)}
                  </p>
                  {!readOnly && (
                    <>
                      <PeopleSearch
                        projectId={props.projectId}
                        label={t('ps.lanes.findOwner', { lane: lane.name })}
                        pickLabel={(user) =>
                          t('ps.lanes.pickOwner', { name: user.displayName, lane: lane.name })
                        }
                        onPick={(user) => {
                          props.learnName(user.accountId, user.displayName);
                          set(index, { owner: user.accountId });
                          announce(t('ps.lanes.ownerSet', { name: user.displayName, lane: lane.name }));
                        }}
                      />
                      {lane.owner !== null && (
                        <button
                          type="button"
                          className="tdm-button tdm-button--subtle"
                          onClick={() => set(index, { owner: null })}
                        >
                          {t('ps.lanes.clearOwner')}
                        </button>
                      )}
                    </>
                  )}
                </div>
                {!readOnly && (
                  <button
                    type="button"
                    className="tdm-button ps-remove"
                    onClick={() => {
                      change((d) => removeLane(d, index));
                      setGeneration((n) => n + 1);
                      announce(t('ps.lanes.removed', { lane: lane.name }));
                    }}
                  >
                    {t('ps.lanes.remove', { lane: lane.name })}
                  </button>
                )}
              </fieldset>
            </li>
          );
        })}
      </ul>
      {!readOnly && (
        <button
          type="button"
          className="tdm-button"
          onClick={() => {
            const name = t('ps.lanes.newName', { n: draft.lanes.length + 1 });
            change((d) => addLane(d, name));
            announce(t('ps.lanes.added', { lane: name }));
          }}
        >
          {t('ps.lanes.add')}
        </button>
      )}
    </>
  );
}
