import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

/** Labelled form controls: every control has a visible label tied to it. */

interface BaseProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
}

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Messages({ id, error, hint }: Pick<BaseProps, 'id' | 'error' | 'hint'>) {
  return (
    <>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </>
  );
}

export function TextField(
  props: BaseProps & {
    value: string;
    /** The field's value, and the field (to tell an empty date from one typed in part: validity.badInput). */
    onInput: (value: string, field: HTMLInputElement | HTMLTextAreaElement) => void;
    type?: 'text' | 'datetime-local' | 'date' | 'email' | 'number' | 'url';
    multiline?: boolean;
    required?: boolean;
    min?: number;
    /** The id of a <datalist> of suggestions. */
    list?: string;
  },
) {
  const { id, label, value, onInput, error, hint, type = 'text', multiline, required, min, list } = props;
  // A date or time typed in part reads as '' until it is whole. Until then (or until the field is
  // left) it is shown as '', which is what the field holds: a render in between (the owner kept
  // the value it had, or something else changed) then leaves the typed parts alone.
  const [partial, setPartial] = useState(false);
  const partsTyped = type === 'date' || type === 'datetime-local';
  const common = {
    id,
    name: id,
    value: partsTyped && partial ? '' : value,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, error, hint),
    onInput: (event: Event) => {
      const field = event.currentTarget as HTMLInputElement | HTMLTextAreaElement;
      if (partsTyped) setPartial(field.validity.badInput);
      onInput(field.value, field);
    },
    ...(partsTyped ? { onBlur: () => setPartial(false) } : {}),
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {multiline ? <textarea rows={3} {...common} /> : <input type={type} min={min} list={list} {...common} />}
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(
  props: BaseProps & { value: string; options: Option[]; onChange: (value: string) => void; required?: boolean },
) {
  const { id, label, value, options, onChange, error, hint, required } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        name={id}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
}

export function RadioGroup(props: {
  name: string;
  legend: string;
  value: string;
  options: Option[];
  onChange: (value: string) => void;
}) {
  const { name, legend, value, options, onChange } = props;
  return (
    <fieldset class="choices">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} class="choice">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

export function CheckboxGroup(props: {
  name: string;
  legend: string;
  values: string[];
  options: Option[];
  onChange: (values: string[]) => void;
  children?: ComponentChildren;
}) {
  const { name, legend, values, options, onChange, children } = props;
  const toggle = (value: string, checked: boolean) =>
    onChange(checked ? [...values, value] : values.filter((v) => v !== value));
  return (
    <fieldset class="choices">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} class="choice">
          <input
            type="checkbox"
            name={name}
            value={option.value}
            checked={values.includes(option.value)}
            onChange={(event) => toggle(option.value, event.currentTarget.checked)}
          />
          {option.label}
        </label>
      ))}
      {children}
    </fieldset>
  );
}
