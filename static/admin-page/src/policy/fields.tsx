import { useId, useState, type ReactNode } from 'react';

/** The problem under a field, and the attributes that tie it to the field for screen readers. */
export function useProblem(problem: string | undefined) {
  const id = useId();
  return {
    describedBy: problem === undefined ? undefined : id,
    invalid: problem !== undefined,
    node:
      problem === undefined ? null : (
        <div id={id} className="tdm-small adm-field-error">
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

/**
 * The label, help text and problem around one control, tied to it for screen readers; `control`
 * renders the input itself with the attributes it must carry.
 */
function Field({
  label,
  hideLabel,
  help,
  problem,
  control
}: {
  label: string;
  hideLabel: boolean;
  help: ReactNode | undefined;
  problem: string | undefined;
  control: (props: ControlProps) => ReactNode;
}) {
  const id = useId();
  const error = useProblem(problem);
  const helpId = `${id}-help`;
  const describedBy = [help === undefined ? undefined : helpId, error.describedBy].filter(Boolean).join(' ');
  return (
    <div className="adm-field">
      <label htmlFor={id} className={hideLabel ? 'tdm-sr-only' : 'adm-label'}>
        {label}
      </label>
      {control({
        id,
        'aria-invalid': error.invalid || undefined,
        'aria-describedby': describedBy === '' ? undefined : describedBy
      })}
      {help !== undefined && (
        <div id={helpId} className="tdm-small tdm-subtle adm-field-help">
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
  label,
  value,
  onChange,
  nullable = false,
  problem,
  placeholder,
  hideLabel = false,
  help
}: {
  label: string;
  value: number | null;
  onChange: (value: number | null) => void;
  nullable?: boolean;
  problem?: string;
  placeholder?: string;
  hideLabel?: boolean;
  help?: string;
}) {
  const [text, setText] = useState(value === null || Number.isNaN(value) ? '' : String(value));
  return (
    <Field
      label={label}
      hideLabel={hideLabel}
      help={help}
      problem={problem}
      control={(props) => (
        <input
          {...props}
          className="tdm-input adm-input-number"
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
  label,
  value,
  onChange,
  problem,
  placeholder,
  hideLabel = false,
  help
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem?: string;
  placeholder?: string;
  hideLabel?: boolean;
  help?: string;
}) {
  return (
    <Field
      label={label}
      hideLabel={hideLabel}
      help={help}
      problem={problem}
      control={(props) => (
        <input
          {...props}
          className="tdm-input"
          type="text"
          value={value}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    />
  );
}

export function SelectField<V extends string>({
  label,
  value,
  options,
  onChange,
  problem,
  hideLabel = false,
  help
}: {
  label: string;
  value: V;
  options: ReadonlyArray<{ value: V; label: string }>;
  onChange: (value: V) => void;
  problem?: string;
  hideLabel?: boolean;
  help?: ReactNode;
}) {
  return (
    <Field
      label={label}
      hideLabel={hideLabel}
      help={help}
      problem={problem}
      control={(props) => (
        <select
          {...props}
          className="tdm-input adm-select"
          value={value}
          onChange={(event) => {
            const next = options.find((option) => option.value === event.target.value);
            if (next) onChange(next.value);
          }}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}
