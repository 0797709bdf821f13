/**
 * The form controls of every surface: a label, optional help and a problem, tied to the control for
 * screen readers (`aria-describedby`, `aria-invalid`). Styled by common.css (`tdm-field…`).
 */
import { useId, useState, type ReactNode } from 'react';

/**
 * The problem under a field, and the attributes that tie it to the field for screen readers.
 * `announce` reads it out as it appears (role=alert): for a problem shown after an action, not for
 * one that follows every keystroke.
 */
export function useProblem(problem: string | undefined, announce = false) {
  const id = useId();
  return {
    describedBy: problem === undefined ? undefined : id,
    invalid: problem !== undefined,
    node:
      problem === undefined ? null : (
        <div id={id} className="tdm-small tdm-field-error" role={announce ? 'alert' : undefined}>
          {problem}
        </div>
      )
  };
}

interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface CommonProps {
  label: string;
  /** The label stays for screen readers when a table header or a legend already shows it. */
  hideLabel?: boolean;
  help?: ReactNode;
  problem?: string;
  /** Read the problem out when it appears (see useProblem). */
  announceProblem?: boolean;
}

/**
 * The label, help text and problem around one control; `control` renders the input itself with
 * the attributes it must carry.
 */
function Field({
  label,
  hideLabel = false,
  help,
  problem,
  announceProblem = false,
  control
}: CommonProps & { control: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const error = useProblem(problem, announceProblem);
  const helpId = `${id}-help`;
  const describedBy = [help !== undefined && helpId, error.describedBy].filter(Boolean).join(' ');
  return (
    <div className="tdm-field">
      <label htmlFor={id} className={hideLabel ? 'tdm-sr-only' : 'tdm-label'}>
        {label}
      </label>
      {control({
        id,
        'aria-invalid': error.invalid || undefined,
        'aria-describedby': describedBy || undefined
      })}
      {help !== undefined && (
        <div id={helpId} className="tdm-small tdm-subtle tdm-field-help">
          {help}
        </div>
      )}
      {error.node}
    </div>
  );
}

/**
 * A whole number typed as text, so a half-typed or empty value can be shown and named as a problem
 * instead of being silently replaced. Empty means null when the field allows it, otherwise NaN
 * (which the schema refuses and the editor names).
 */
export function NumberField({
  value,
  onChange,
  nullable = false,
  placeholder,
  ...field
}: CommonProps & {
  value: number | null;
  onChange: (value: number | null) => void;
  nullable?: boolean;
  placeholder?: string;
}) {
  const [text, setText] = useState(value === null || Number.isNaN(value) ? '' : String(value));
  return (
    <Field
      {...field}
      control={(props) => (
        <input
          {...props}
          className="tdm-input tdm-input--number"
          type="text"
          inputMode="numeric"
          value={text}
          placeholder={placeholder}
          onChange={(event) => {
            const raw = event.target.value;
            setText(raw);
            const trimmed = raw.trim();
            if (trimmed === '') onChange(nullable ? null : NaN);
            else onChange(/^\d+$/.test(trimmed) ? Number(trimmed) : NaN);
          }}
        />
      )}
    />
  );
}

export function TextField({
  value,
  onChange,
  type = 'text',
  min,
  placeholder,
  autoComplete,
  ...field
}: CommonProps & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'url' | 'number' | 'search';
  /** For `type="number"`: the smallest value the browser's stepper offers. */
  min?: number;
  placeholder?: string;
  /** `off` for a search box whose suggestions would hide the results. */
  autoComplete?: 'off';
}) {
  return (
    <Field
      {...field}
      control={(props) => (
        <input
          {...props}
          className="tdm-input"
          type={type}
          min={min}
          autoComplete={autoComplete}
          value={value}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    />
  );
}

/** Several lines of text; `code` shows it in a monospace font (pasted HTML or JSON). */
export function TextAreaField({
  value,
  onChange,
  rows,
  maxLength,
  code = false,
  ...field
}: CommonProps & {
  value: string;
  onChange: (value: string) => void;
  rows: number;
  maxLength?: number;
  code?: boolean;
}) {
  return (
    <Field
      {...field}
      control={(props) => (
        <textarea
          {...props}
          className={code ? 'tdm-input tdm-textarea tdm-code' : 'tdm-input tdm-textarea'}
          rows={rows}
          maxLength={maxLength}
          spellCheck={code ? false : undefined}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    />
  );
}

export interface SelectOption<V extends string> {
  value: V;
  label: string;
  /** Options with the same group are shown together under that heading (`<optgroup>`). */
  group?: string;
}

export function SelectField<V extends string>({
  value,
  options,
  onChange,
  ...field
}: CommonProps & {
  value: V;
  options: ReadonlyArray<SelectOption<V>>;
  onChange: (value: V) => void;
}) {
  const render = (option: SelectOption<V>) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  );
  return (
    <Field
      {...field}
      control={(props) => (
        <select
          {...props}
          className="tdm-input tdm-select"
          value={value}
          onChange={(event) => {
            const next = options.find((option) => option.value === event.target.value);
            if (next) onChange(next.value);
          }}
        >
          {[...new Set(options.map((option) => option.group))].map((group) => {
            const members = options.filter((option) => option.group === group).map(render);
            return group === undefined ? (
              members
            ) : (
              <optgroup key={group} label={group}>
                {members}
              </optgroup>
            );
          })}
        </select>
      )}
    />
  );
}

export function CheckboxField({
  label,
  checked,
  onChange
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="tdm-check">
      <input
        id={id}
        type="checkbox"
        className="tdm-checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
