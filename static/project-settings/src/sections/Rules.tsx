import { useEffect, useRef } from 'react';
import { SelectField, TextField } from '../../../common/fields';
import { t } from '../../../common/i18n';
import { RULE_FIELD_LABEL } from '../labels';
import { moveRule, RULE_FIELDS, type LaneRule, type RuleField } from '../model';
import type { SectionProps } from './types';

interface Named {
  id: string;
  name: string;
}

/** The value box of a rule: the project's components and issue types as a list, the rest typed. */
function RuleValue({
  rule,
  index,
  lists,
  onChange,
  problem
}: {
  rule: LaneRule;
  index: number;
  lists: Record<'component' | 'issueType', Named[]>;
  onChange: (value: string) => void;
  problem: ReturnType<SectionProps['problem']>;
}) {
  const label = t('ps.rules.valueOf', { position: index + 1 });
  if (rule.field === 'component' || rule.field === 'issueType') {
    const names = lists[rule.field].map((item) => item.name);
    // A value saved before the component was renamed still shows, so saving does not change it.
    if (rule.value !== '' && !names.includes(rule.value)) names.unshift(rule.value);
    return (
      <SelectField
        label={label}
        hideLabel
        value={rule.value}
        options={[
          { value: '', label: t('ps.rules.choose') },
          ...names.map((name) => ({ value: name, label: name }))
        ]}
        {...problem}
        onChange={onChange}
      />
    );
  }
  return (
    <TextField
      label={label}
      hideLabel
      value={rule.value}
      placeholder={rule.field === 'epic' ? t('ps.rules.epicPlaceholder') : undefined}
      {...problem}
      onChange={onChange}
    />
  );
}

/** Rules in order, first match wins; moved up and down with buttons (focus follows the rule). */
export function Rules(props: SectionProps & { components: Named[]; issueTypes: Named[] }) {
  const { draft, change, problem, readOnly, announce } = props;
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  // Where focus goes once a moved rule has re-rendered in its new row.
  const focusAfterMove = useRef<{ index: number; by: -1 | 1 } | null>(null);

  useEffect(() => {
    const pending = focusAfterMove.current;
    if (pending === null) return;
    focusAfterMove.current = null;
    const same = buttons.current.get(`${pending.index}:${pending.by}`);
    // At the top or bottom the same button is disabled: the other one takes the focus.
    const target = same && !same.disabled ? same : buttons.current.get(`${pending.index}:${-pending.by}`);
    target?.focus();
  });

  const set = (index: number, patch: Partial<LaneRule>) =>
    change((d) => ({ ...d, rules: d.rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)) }));
  const move = (index: number, by: -1 | 1) => {
    change((d) => ({ ...d, rules: moveRule(d.rules, index, by) }));
    focusAfterMove.current = { index: index + by, by };
    announce(t('ps.rules.moved', { position: index + by + 1, count: draft.rules.length }));
  };
  const ref = (key: string) => (element: HTMLButtonElement | null) => {
    if (element) buttons.current.set(key, element);
    else buttons.current.delete(key);
  };
  const laneOptions = draft.lanes.map((lane) => ({ value: lane.id, label: lane.name }));

  return (
    <>
      {draft.rules.length === 0 ? (
        <p className="tdm-subtle">{t('ps.rules.none')}</p>
      ) : (
        <div className="ps-table-wrap">
          <table className="tdm-table ps-table">
            <caption className="tdm-sr-only">{t('ps.rules.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ps.rules.col.order')}</th>
                <th scope="col">{t('ps.rules.col.field')}</th>
                <th scope="col">{t('ps.rules.col.value')}</th>
                <th scope="col">{t('ps.rules.col.lane')}</th>
                {!readOnly && (
                  <th scope="col">
                    <span className="tdm-sr-only">{t('ps.col.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {draft.rules.map((rule, index) => {
                const path = `rules[${index}]`;
                return (
                  <tr key={index}>
                    <th scope="row">{index + 1}</th>
                    <td>
                      <fieldset className="ps-fieldset" disabled={readOnly}>
                        <SelectField
                          label={t('ps.rules.fieldOf', { position: index + 1 })}
                          hideLabel
                          value={rule.field}
                          options={RULE_FIELDS.map((field) => ({
                            value: field,
                            label: t(RULE_FIELD_LABEL[field])
                          }))}
                          {...problem(`${path}.field`)}
                          onChange={(field: RuleField) => set(index, { field, value: '' })}
                        />
                      </fieldset>
                    </td>
                    <td>
                      <fieldset className="ps-fieldset" disabled={readOnly}>
                        <RuleValue
                          rule={rule}
                          index={index}
                          lists={{ component: props.components, issueType: props.issueTypes }}
                          problem={problem(`${path}.value`)}
                          onChange={(value) => set(index, { value })}
                        />
                      </fieldset>
                    </td>
                    <td>
                      <fieldset className="ps-fieldset" disabled={readOnly}>
                        <SelectField
                          label={t('ps.rules.laneOf', { position: index + 1 })}
                          hideLabel
                          value={rule.lane}
                          options={
                            laneOptions.some((option) => option.value === rule.lane)
                              ? laneOptions
                              : [{ value: rule.lane, label: rule.lane }, ...laneOptions]
                          }
                          {...problem(`${path}.lane`)}
                          onChange={(lane) => set(index, { lane })}
                        />
                      </fieldset>
                    </td>
                    {!readOnly && (
                      <td className="ps-row-actions">
                        <button
                          ref={ref(`${index}:-1`)}
                          type="button"
                          className="tdm-button tdm-button--subtle"
                          disabled={index === 0}
                          aria-label={t('ps.rules.up', { position: index + 1 })}
                          onClick={() => move(index, -1)}
                        >
                          <span aria-hidden="true">↑</span>
                        </button>
                        <button
                          ref={ref(`${index}:1`)}
                          type="button"
                          className="tdm-button tdm-button--subtle"
                          disabled={index === draft.rules.length - 1}
                          aria-label={t('ps.rules.down', { position: index + 1 })}
                          onClick={() => move(index, 1)}
                        >
                          <span aria-hidden="true">↓</span>
                        </button>
                        <button
                          type="button"
                          className="tdm-button tdm-button--subtle"
                          onClick={() => {
                            change((d) => ({ ...d, rules: d.rules.filter((_, i) => i !== index) }));
                            announce(t('ps.rules.removed', { position: index + 1 }));
                          }}
                        >
                          {t('ps.rules.remove', { position: index + 1 })}
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
      {!readOnly && (
        <button
          type="button"
          className="tdm-button"
          onClick={() => {
            const run = draft.lanes.find((lane) => lane.kind !== 'run') ?? draft.lanes[0];
            change((d) => ({
              ...d,
              rules: [...d.rules, { field: 'label', value: '', lane: run?.id ?? '' }]
            }));
            announce(t('ps.rules.added', { position: draft.rules.length + 1 }));
          }}
        >
          {t('ps.rules.add')}
        </button>
      )}
    </>
  );
}
