/**
 * Controls this page needs beyond static/common/fields.tsx: decimals typed the local way (`37,5`),
 * dates, and a people search. Labels, help and problems are tied to the control as there.
 */
import { useId, useState, type FormEvent } from 'react';
import type { UserOption } from '@contract/capacity';
import { searchCapacityUsers } from '../../common/client';
import { useProblem } from '../../common/fields';
import { errorMessage } from '../../common/errors';
import { getLocale, t } from '../../common/i18n';
import { formatDecimal, parseDecimal } from './model';

interface FieldProps {
  label: string;
  hideLabel?: boolean;
  help?: string;
  problem?: string;
  announceProblem?: boolean;
  disabled?: boolean;
}

function useDescribed(help: string | undefined, problem: string | undefined, announce: boolean) {
  const id = useId();
  const error = useProblem(problem, announce);
  const helpId = `${id}-help`;
  const describedBy =
    [help !== undefined && helpId, error.describedBy].filter(Boolean).join(' ') || undefined;
  const helpNode =
    help === undefined ? null : (
      <div id={helpId} className="tdm-small tdm-subtle tdm-field-help">
        {help}
      </div>
    );
  return { id, describedBy, invalid: error.invalid || undefined, helpNode, errorNode: error.node };
}

/** A number with decimals; empty is null when allowed, otherwise NaN (named as a problem). */
export function DecimalField({
  value,
  onChange,
  nullable = false,
  suffix,
  label,
  hideLabel = false,
  help,
  problem,
  announceProblem = false,
  disabled
}: FieldProps & {
  value: number | null;
  onChange: (value: number | null) => void;
  nullable?: boolean;
  /** Unit shown after the box (`h`, `%`); screen readers get it from the label. */
  suffix?: string;
}) {
  const field = useDescribed(help, problem, announceProblem);
  const [text, setText] = useState(
    value === null || Number.isNaN(value) ? '' : formatDecimal(value, getLocale())
  );
  return (
    <div className="tdm-field">
      <label htmlFor={field.id} className={hideLabel ? 'tdm-sr-only' : 'tdm-label'}>
        {label}
      </label>
      <span className="ps-unit">
        <input
          id={field.id}
          className="tdm-input tdm-input--number"
          type="text"
          inputMode="decimal"
          value={text}
          disabled={disabled}
          aria-invalid={field.invalid}
          aria-describedby={field.describedBy}
          onChange={(event) => {
            setText(event.target.value);
            const parsed = parseDecimal(event.target.value);
            onChange(parsed === null && !nullable ? NaN : parsed);
          }}
        />
        {suffix !== undefined && <span aria-hidden="true">{suffix}</span>}
      </span>
      {field.helpNode}
      {field.errorNode}
    </div>
  );
}

/** An ISO date (`YYYY-MM-DD`) with the browser's date picker; empty is null when allowed. */
export function DateField({
  value,
  onChange,
  label,
  hideLabel = false,
  help,
  problem,
  announceProblem = false,
  disabled
}: FieldProps & { value: string | null; onChange: (value: string | null) => void }) {
  const field = useDescribed(help, problem, announceProblem);
  return (
    <div className="tdm-field">
      <label htmlFor={field.id} className={hideLabel ? 'tdm-sr-only' : 'tdm-label'}>
        {label}
      </label>
      <input
        id={field.id}
        className="tdm-input ps-date"
        type="date"
        value={value ?? ''}
        disabled={disabled}
        aria-invalid={field.invalid}
        aria-describedby={field.describedBy}
        onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
      />
      {field.helpNode}
      {field.errorNode}
    </div>
  );
}

type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'found'; users: UserOption[] }
  | { kind: 'failed'; message: string };

/**
 * Finds people who can be assigned issues in the project (capacity/user-search) and hands the one
 * picked to `onPick`. A form, so Enter searches; the count found is announced.
 */
export function PeopleSearch({
  projectId,
  label,
  pickLabel,
  exclude = [],
  onPick
}: {
  projectId: string;
  label: string;
  /** The button's accessible name for one result, e.g. "Add Ana Martin". */
  pickLabel: (user: UserOption) => string;
  exclude?: readonly string[];
  onPick: (user: UserOption) => void;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState>({ kind: 'idle' });

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (query.trim() === '') return;
    setState({ kind: 'searching' });
    const result = await searchCapacityUsers({ projectId, query: query.trim() });
    if (result.ok) setState({ kind: 'found', users: result.data });
    else setState({ kind: 'failed', message: errorMessage(result.error) });
  };

  const shown = state.kind === 'found' ? state.users.filter((u) => !exclude.includes(u.accountId)) : [];
  return (
    <div className="ps-search">
      <form className="ps-search__form" role="search" aria-label={label} onSubmit={(e) => void search(e)}>
        <div className="tdm-field">
          <label htmlFor={`${id}-q`} className="tdm-label">
            {label}
          </label>
          <input
            id={`${id}-q`}
            className="tdm-input"
            type="search"
            autoComplete="off"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
        <button type="submit" className="tdm-button">
          {t('ps.search.button')}
        </button>
      </form>
      <p role="status" className="tdm-small tdm-subtle ps-search__status">
        {state.kind === 'searching'
          ? t('ps.search.searching')
          : state.kind === 'failed'
            ? state.message
            : state.kind === 'found'
              ? shown.length === 0
                ? t('ps.search.none')
                : t('ps.search.found', { count: shown.length })
              : ''}
      </p>
      {shown.length > 0 && (
        <ul className="ps-search__results">
          {shown.map((user) => (
            <li key={user.accountId}>
              <button
                type="button"
                className="tdm-button tdm-button--subtle"
                aria-label={pickLabel(user)}
                onClick={() => {
                  onPick(user);
                  setState({ kind: 'idle' });
                  setQuery('');
                }}
              >
                {user.displayName}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
