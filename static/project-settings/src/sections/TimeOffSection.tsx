import { useState } from 'react';
import { CheckboxField, SelectField } from '../../../common/fields';
import { t } from '../../../common/i18n';
import { DateField } from '../controls';
import type { TimeOff } from '../model';
import type { SectionProps } from './types';

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Time off, whole or half days. Someone who cannot configure edits only their own entries (the
 * others are shown, not editable) and saves them on their own (capacity/time-off-save).
 */
export function TimeOffSection(
  props: SectionProps & {
    me: string;
    /** Set when the viewer cannot configure: their entries are saved apart from the rest. */
    own?: { saving: boolean; dirty: boolean; onSave: () => void };
  }
) {
  const { draft, change, problem, readOnly, nameOf, me, own, announce } = props;
  const [generation, setGeneration] = useState(0);
  const editable = (entry: TimeOff) => !readOnly || (own !== undefined && entry.accountId === me);
  const meListed = draft.people.some((person) => person.accountId === me);
  const canAdd = !readOnly ? draft.people.length > 0 : own !== undefined && meListed;
  const set = (index: number, patch: Partial<TimeOff>) =>
    change((d) => ({ ...d, timeOff: d.timeOff.map((e, i) => (i === index ? { ...e, ...patch } : e)) }));

  const add = () => {
    const accountId = readOnly ? me : (draft.people[0]?.accountId ?? me);
    const day = today();
    change((d) => ({
      ...d,
      timeOff: [...d.timeOff, { accountId, start: day, end: day, startHalfDay: false, endHalfDay: false }]
    }));
    announce(t('ps.timeOff.added', { name: nameOf(accountId) }));
  };

  return (
    <>
      {own !== undefined && (
        <p className="tdm-subtle">{meListed ? t('ps.timeOff.ownLead') : t('ps.timeOff.notListed')}</p>
      )}
      {draft.timeOff.length === 0 ? (
        <p className="tdm-subtle">{t('ps.timeOff.none')}</p>
      ) : (
        <ul className="ps-cards ps-cards--compact">
          {draft.timeOff.map((entry, index) => {
            const path = `timeOff[${index}]`;
            const locked = !editable(entry);
            const name = nameOf(entry.accountId);
            const whole = problem(path);
            return (
              <li key={`${generation}-${index}`} className="ps-card">
                <fieldset className="ps-fieldset" disabled={locked}>
                  <legend className="ps-legend">
                    {t('ps.timeOff.legend', { name, start: entry.start })}
                  </legend>
                  <div className="ps-grid">
                    {readOnly ? (
                      <p className="ps-static">
                        <span className="tdm-label">{t('ps.timeOff.person')}</span> {name}
                      </p>
                    ) : (
                      <SelectField
                        label={t('ps.timeOff.person')}
                        value={entry.accountId}
                        options={draft.people.map((person) => ({
                          value: person.accountId,
                          label: nameOf(person.accountId)
                        }))}
                        {...problem(`${path}.accountId`)}
                        onChange={(accountId) => set(index, { accountId })}
                      />
                    )}
                    <DateField
                      label={t('ps.timeOff.start')}
                      value={entry.start}
                      disabled={locked}
                      {...problem(`${path}.start`)}
                      onChange={(start) => set(index, { start: start ?? '' })}
                    />
                    <DateField
                      label={t('ps.timeOff.end')}
                      value={entry.end}
                      disabled={locked}
                      {...(whole.problem !== undefined ? whole : problem(`${path}.end`))}
                      onChange={(end) => set(index, { end: end ?? '' })}
                    />
                  </div>
                  <div className="ps-checks">
                    <CheckboxField
                      label={t('ps.timeOff.startHalf')}
                      checked={entry.startHalfDay}
                      onChange={(startHalfDay) => set(index, { startHalfDay })}
                    />
                    <CheckboxField
                      label={t('ps.timeOff.endHalf')}
                      checked={entry.endHalfDay}
                      onChange={(endHalfDay) => set(index, { endHalfDay })}
                    />
                  </div>
                  {!locked && (
                    <button
                      type="button"
                      className="tdm-button tdm-button--subtle"
                      onClick={() => {
                        change((d) => ({ ...d, timeOff: d.timeOff.filter((_, i) => i !== index) }));
                        setGeneration((n) => n + 1);
                        announce(t('ps.timeOff.removed', { name, start: entry.start }));
                      }}
                    >
                      {t('ps.timeOff.remove', { name, start: entry.start })}
                    </button>
                  )}
                </fieldset>
              </li>
            );
          })}
        </ul>
      )}
      <div className="ps-actions">
        {canAdd && (
          <button type="button" className="tdm-button" onClick={add}>
            {own !== undefined ? t('ps.timeOff.addOwn') : t('ps.timeOff.add')}
          </button>
        )}
        {own !== undefined && meListed && (
          <button
            type="button"
            className="tdm-button tdm-button--primary"
            disabled={!own.dirty || own.saving}
            onClick={own.onSave}
          >
            {own.saving ? t('ps.save.saving') : t('ps.timeOff.saveOwn')}
          </button>
        )}
      </div>
    </>
  );
}
