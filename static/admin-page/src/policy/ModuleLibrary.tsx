import { useId, useMemo, useState, type FormEvent } from 'react';
import { Lozenge } from '../../../common/components';
import { t } from '../../../common/i18n';
import { SelectField, TextField, useProblem } from '../../../common/fields';
import { moduleEntrySchema, type ModuleEntry } from './model';

/** Above this many versions the library gets a filter box. */
export const FILTER_FROM = 8;

const sameEntry = (a: ModuleEntry, b: ModuleEntry) => a.id === b.id && a.version === b.version;

/** Natural order for versions: 10.0.0 after 9.1.0. */
const compare = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }).compare;

export function ModuleLibrary({
  modules,
  inForce,
  problems,
  onChange
}: {
  modules: readonly ModuleEntry[];
  inForce: readonly ModuleEntry[];
  /** Problems of entries, by index in `modules`. */
  problems: ReadonlyMap<number, string>;
  onChange: (modules: ModuleEntry[]) => void;
}) {
  const ids = useId();
  const [filter, setFilter] = useState('');
  const [newId, setNewId] = useState('');
  const [newVersion, setNewVersion] = useState('');
  const [newStatus, setNewStatus] = useState<ModuleEntry['status']>('approved');
  const [addProblem, setAddProblem] = useState<string | undefined>(undefined);
  const addError = useProblem(addProblem);

  const rows = useMemo(() => {
    const query = filter.trim().toLowerCase();
    return modules
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => query === '' || `${entry.id} ${entry.version}`.toLowerCase().includes(query))
      .sort((a, b) => compare(a.entry.id, b.entry.id) || compare(b.entry.version, a.entry.version));
  }, [modules, filter]);

  const setStatus = (index: number, status: ModuleEntry['status']) =>
    onChange(modules.map((entry, i) => (i === index ? { ...entry, status } : entry)));

  const add = (event: FormEvent) => {
    event.preventDefault();
    const candidate = { id: newId.trim(), version: newVersion.trim(), status: newStatus };
    if (candidate.id === '' || candidate.version === '') return setAddProblem(t('policy.modules.needBoth'));
    if (!moduleEntrySchema.safeParse(candidate).success) return setAddProblem(t('policy.modules.tooLong'));
    if (modules.some((entry) => sameEntry(entry, candidate))) {
      return setAddProblem(t('policy.modules.exists', { module: `${candidate.id} ${candidate.version}` }));
    }
    setAddProblem(undefined);
    setNewVersion('');
    onChange([...modules, candidate]);
  };

  return (
    <div className="adm-modules">
      {modules.length > FILTER_FROM && (
        <div className="adm-search">
          <TextField
            label={t('policy.modules.filter')}
            type="search"
            value={filter}
            placeholder={t('policy.modules.filterPlaceholder')}
            onChange={setFilter}
          />
        </div>
      )}
      <div className="adm-table-wrap">
        <table className="tdm-table adm-module-table">
          <caption className="tdm-sr-only">{t('policy.modules.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('policy.modules.col.module')}</th>
              <th scope="col">{t('policy.modules.col.version')}</th>
              <th scope="col">{t('policy.modules.col.status')}</th>
              <th scope="col">
                <span className="tdm-sr-only">{t('policy.modules.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ entry, index }) => {
              const label = `${entry.id} ${entry.version}`;
              const isNew = !inForce.some((known) => sameEntry(known, entry));
              return (
                <tr key={`${entry.id}\u0000${entry.version}\u0000${index}`}>
                  <th scope="row" className="adm-item-name adm-break">
                    {entry.id}
                    {problems.has(index) && (
                      <div className="tdm-small tdm-field-error">{problems.get(index)}</div>
                    )}
                  </th>
                  <td className="adm-break">{entry.version}</td>
                  <td>
                    <Lozenge appearance={entry.status === 'approved' ? 'success' : 'default'}>
                      {entry.status === 'approved'
                        ? t('policy.modules.approved')
                        : t('policy.modules.retired')}
                    </Lozenge>
                    {isNew && (
                      <>
                        {' '}
                        <Lozenge appearance="new">{t('policy.modules.new')}</Lozenge>
                      </>
                    )}
                  </td>
                  <td className="adm-row-actions">
                    {entry.status === 'approved' ? (
                      <button
                        type="button"
                        className="tdm-button tdm-button--subtle"
                        aria-label={t('policy.modules.retireLabel', { module: label })}
                        onClick={() => setStatus(index, 'retired')}
                      >
                        {t('policy.modules.retire')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="tdm-button tdm-button--subtle"
                        aria-label={t('policy.modules.approveLabel', { module: label })}
                        onClick={() => setStatus(index, 'approved')}
                      >
                        {t('policy.modules.approve')}
                      </button>
                    )}
                    {isNew && (
                      <button
                        type="button"
                        className="tdm-button tdm-button--subtle"
                        aria-label={t('policy.modules.removeLabel', { module: label })}
                        onClick={() => onChange(modules.filter((_, i) => i !== index))}
                      >
                        {t('policy.modules.remove')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && (
        <p className="tdm-subtle adm-empty">
          {modules.length === 0 ? t('policy.modules.empty') : t('policy.modules.noMatch', { query: filter })}
        </p>
      )}

      <form className="adm-add-module" onSubmit={add} noValidate aria-labelledby={`${ids}-add-heading`}>
        <h4 id={`${ids}-add-heading`} className="adm-legend">
          {t('policy.modules.addHeading')}
        </h4>
        <div className="adm-inline-add">
          <div className="tdm-field">
            <label htmlFor={`${ids}-id`} className="tdm-label">
              {t('policy.modules.col.module')}
            </label>
            <input
              id={`${ids}-id`}
              className="tdm-input"
              type="text"
              value={newId}
              list={`${ids}-known`}
              placeholder={t('policy.modules.idPlaceholder')}
              aria-invalid={addError.invalid || undefined}
              aria-describedby={addError.describedBy}
              onChange={(event) => {
                setNewId(event.target.value);
                setAddProblem(undefined);
              }}
            />
            <datalist id={`${ids}-known`}>
              {[...new Set(modules.map((entry) => entry.id))].map((id) => (
                <option key={id} value={id} />
              ))}
            </datalist>
          </div>
          <div className="tdm-field">
            <label htmlFor={`${ids}-version`} className="tdm-label">
              {t('policy.modules.col.version')}
            </label>
            <input
              id={`${ids}-version`}
              className="tdm-input tdm-input--number"
              type="text"
              value={newVersion}
              placeholder="1.0.0"
              aria-invalid={addError.invalid || undefined}
              aria-describedby={addError.describedBy}
              onChange={(event) => {
                setNewVersion(event.target.value);
                setAddProblem(undefined);
              }}
            />
          </div>
          <SelectField<ModuleEntry['status']>
            label={t('policy.modules.col.status')}
            value={newStatus}
            options={[
              { value: 'approved', label: t('policy.modules.approved') },
              { value: 'retired', label: t('policy.modules.retired') }
            ]}
            onChange={setNewStatus}
          />
          <button type="submit" className="tdm-button">
            {t('policy.modules.add')}
          </button>
        </div>
        {addError.node}
      </form>
    </div>
  );
}
