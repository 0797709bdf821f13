import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface TabSpec<Id extends string> {
  id: Id;
  label: string;
}

/** The tab named by the frame's URL hash (`#policy`), or the first one. */
function fromHash<Id extends string>(ids: readonly Id[]): Id | undefined {
  const wanted = window.location.hash.replace(/^#/, '');
  return ids.find((id) => id === wanted);
}

/**
 * The selected tab, remembered in the frame's URL hash so a reload of the frame (or the
 * browser's back and forward buttons within it) keeps the admin where they were.
 */
export function useHashTab<Id extends string>(ids: readonly Id[], fallback: Id): [Id, (id: Id) => void] {
  const [selected, setSelected] = useState<Id>(() => fromHash(ids) ?? fallback);
  useEffect(() => {
    const onHash = () => setSelected(fromHash(ids) ?? fallback);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [ids, fallback]);
  const select = useCallback((id: Id) => {
    setSelected(id);
    if (window.location.hash !== `#${id}`) window.history.replaceState(null, '', `#${id}`);
  }, []);
  return [selected, select];
}

export const tabId = (id: string) => `adm-tab-${id}`;
export const panelId = (id: string) => `adm-panel-${id}`;

/**
 * Jira-like tabs (the look of @atlaskit/tabs) with the ARIA tabs pattern: one tab stop,
 * arrow keys, Home and End move and select (automatic activation).
 */
export function TabList<Id extends string>({
  label,
  tabs,
  selected,
  onSelect,
  marks = {}
}: {
  label: string;
  tabs: ReadonlyArray<TabSpec<Id>>;
  selected: Id;
  onSelect: (id: Id) => void;
  /** A short note shown after a tab's label, e.g. unsaved changes. */
  marks?: Partial<Record<Id, ReactNode>>;
}) {
  const refs = useRef(new Map<Id, HTMLButtonElement>());

  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.id === selected);
    let next: number | undefined;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    const tab = next === undefined ? undefined : tabs[next];
    if (tab === undefined) return;
    event.preventDefault();
    onSelect(tab.id);
    refs.current.get(tab.id)?.focus();
  };

  return (
    <div className="adm-tabs" role="tablist" aria-label={label} onKeyDown={move}>
      {tabs.map((tab) => {
        const isSelected = tab.id === selected;
        return (
          <button
            key={tab.id}
            ref={(element) => {
              if (element) refs.current.set(tab.id, element);
              else refs.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={tabId(tab.id)}
            aria-selected={isSelected}
            aria-controls={panelId(tab.id)}
            tabIndex={isSelected ? 0 : -1}
            className={`adm-tab${isSelected ? ' adm-tab--selected' : ''}`}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
            {marks[tab.id]}
          </button>
        );
      })}
    </div>
  );
}

export function TabPanel({ id, hidden, children }: { id: string; hidden: boolean; children: ReactNode }) {
  return (
    <div
      role="tabpanel"
      id={panelId(id)}
      aria-labelledby={tabId(id)}
      hidden={hidden}
      tabIndex={0}
      className="adm-tabpanel"
    >
      {children}
    </div>
  );
}
