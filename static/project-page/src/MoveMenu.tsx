import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { t } from '../../common/i18n';
import { menuTarget } from './model';

export interface MoveOption {
  /** null: remove the override, the rules give the lane again. */
  laneId: string | null;
  label: string;
}

/**
 * "Move to lane…": the keyboard's way to do what dragging does (WAI-ARIA menu button). Enter or
 * Space opens it with the focus on the first lane, arrows move, Enter picks, Escape closes and
 * gives the focus back to the button.
 */
export function MoveMenu({
  cardKey,
  options,
  disabled,
  onPick
}: {
  cardKey: string;
  options: ReadonlyArray<MoveOption>;
  disabled: boolean;
  onPick: (laneId: string | null) => void;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<Array<HTMLButtonElement | null>>([]);
  const menuId = useId();

  useEffect(() => {
    if (open) items.current[active]?.focus();
  }, [open, active]);

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) button.current?.focus();
  };

  const onMenuKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
      return;
    }
    if (event.key === 'Tab') {
      close(false);
      return;
    }
    const next = menuTarget(event.key, active, options.length);
    if (next !== null) {
      event.preventDefault();
      setActive(next);
    }
  };

  return (
    <div className="lanes-move">
      <button
        ref={button}
        type="button"
        className="tdm-button tdm-button--subtle lanes-move__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t('lanes.move.buttonLabel', { key: cardKey })}
        disabled={disabled || options.length === 0}
        onClick={() => {
          setActive(0);
          setOpen((value) => !value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setActive(0);
            setOpen(true);
          }
        }}
      >
        {t('lanes.move.button')}
      </button>
      {open && (
        <ul
          id={menuId}
          role="menu"
          aria-label={t('lanes.move.menu', { key: cardKey })}
          className="lanes-move__menu"
          onKeyDown={onMenuKey}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget) && event.relatedTarget !== button.current)
              setOpen(false);
          }}
        >
          {options.map((option, i) => (
            <li key={option.laneId ?? '(rules)'} role="none">
              <button
                ref={(element) => {
                  items.current[i] = element;
                }}
                type="button"
                role="menuitem"
                tabIndex={i === active ? 0 : -1}
                className="lanes-move__item"
                onClick={() => {
                  close(true);
                  onPick(option.laneId);
                }}
              >
                {option.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
