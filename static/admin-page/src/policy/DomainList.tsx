import { useId, useState, type KeyboardEvent } from 'react';
import { t } from '../../../common/i18n';
import { useProblem } from '../../../common/fields';
import { hostOf, isHost, TRACKER_CATEGORIES, TRACKER_LABEL, type TrackerCategory } from './model';

/** For the script list: which hosts are trackers, and how to mark one. */
export interface TrackerMarking {
  categoryOf: (host: string) => TrackerCategory | undefined;
  onMark: (host: string, category: TrackerCategory | undefined) => void;
}

/** An allow-list of host names: add (checked like the schema does) and remove. */
export function DomainList({
  label,
  help,
  domains,
  onChange,
  problems,
  trackers
}: {
  label: string;
  help: string;
  domains: readonly string[];
  onChange: (domains: string[]) => void;
  /** Problems of listed hosts, by index. */
  problems: ReadonlyMap<number, string>;
  trackers?: TrackerMarking;
}) {
  const id = useId();
  const [input, setInput] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const error = useProblem(problem);

  const add = () => {
    const host = hostOf(input);
    if (host === '') return setProblem(t('policy.domains.empty'));
    if (!isHost(host)) return setProblem(t('policy.domains.invalid', { host }));
    if (domains.includes(host)) return setProblem(t('policy.domains.duplicate', { host }));
    setProblem(undefined);
    setInput('');
    onChange([...domains, host]);
  };

  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  };

  return (
    <fieldset className="adm-fieldset adm-domains" aria-describedby={`${id}-help`}>
      <legend className="adm-legend">{label}</legend>
      <p id={`${id}-help`} className="tdm-subtle adm-help">
        {help}
        {trackers && <> {t('policy.trackers.help')}</>}
      </p>
      {domains.length === 0 ? (
        <p className="tdm-subtle adm-empty">{t('policy.domains.none')}</p>
      ) : (
        <ul className="adm-tags" aria-label={label}>
          {domains.map((host, index) => (
            <li key={host} className="adm-tag-item">
              <span className={`adm-tag${problems.has(index) ? ' adm-tag--invalid' : ''}`}>
                <span className="adm-tag__text">{host}</span>
                <button
                  type="button"
                  className="adm-tag__remove"
                  aria-label={t('policy.domains.remove', { host })}
                  onClick={() => onChange(domains.filter((_, i) => i !== index))}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </span>
              {trackers && (
                <span className="adm-tracker">
                  <label htmlFor={`${id}-tracker-${index}`} className="tdm-sr-only">
                    {t('policy.trackers.label', { host })}
                  </label>
                  <select
                    id={`${id}-tracker-${index}`}
                    className="tdm-input tdm-select tdm-small"
                    value={trackers.categoryOf(host) ?? ''}
                    onChange={(event) =>
                      trackers.onMark(
                        host,
                        TRACKER_CATEGORIES.find((category) => category === event.target.value)
                      )
                    }
                  >
                    <option value="">{t('policy.trackers.none')}</option>
                    {TRACKER_CATEGORIES.map((category) => (
                      <option key={category} value={category}>
                        {t(TRACKER_LABEL[category])}
                      </option>
                    ))}
                  </select>
                </span>
              )}
              {problems.has(index) && (
                <span className="tdm-small tdm-field-error">{problems.get(index)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="adm-inline-add">
        <div className="tdm-field adm-grow">
          <label htmlFor={`${id}-add`} className="tdm-sr-only">
            {t('policy.domains.addLabel', { list: label })}
          </label>
          <input
            id={`${id}-add`}
            className="tdm-input"
            type="text"
            value={input}
            placeholder={t('policy.domains.placeholder')}
            aria-invalid={error.invalid || undefined}
            aria-describedby={error.describedBy}
            onChange={(event) => {
              setInput(event.target.value);
              setProblem(undefined);
            }}
            onKeyDown={onKey}
          />
          {error.node}
        </div>
        <button
          type="button"
          className="tdm-button"
          onClick={add}
          aria-label={t('policy.domains.addLabel', { list: label })}
        >
          {t('policy.domains.add')}
        </button>
      </div>
    </fieldset>
  );
}
