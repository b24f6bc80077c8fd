/**
 * The sections as ARIA tabs: each a link to its place in the address, one tab stop for the row,
 * arrow keys / Home / End to move between them (the WAI-ARIA tabs pattern).
 */
import { useRef } from 'react';
import { TABS, type TabId } from './route';

/** A count on a tab; read out as "Platforms (1 error)". */
export type TabBadge = { count: number; label: string };

export function Tabs(props: {
  current: TabId;
  badges: Partial<Record<TabId, TabBadge>>;
  onSelect: (tab: TabId) => void;
}): React.JSX.Element {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const move = (index: number): void => {
    const target = (index + TABS.length) % TABS.length;
    refs.current[target]?.focus();
    const tab = TABS[target];
    if (tab) props.onSelect(tab.id);
  };
  const onKeyDown = (e: React.KeyboardEvent, index: number): void => {
    const to =
      e.key === 'ArrowRight'
        ? index + 1
        : e.key === 'ArrowLeft'
          ? index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : null;
    if (to === null) return;
    e.preventDefault();
    move(to);
  };
  return (
    <nav className="tabs" role="tablist" aria-label="Sections">
      {TABS.map((tab, index) => {
        const selected = tab.id === props.current;
        const badge = props.badges[tab.id];
        return (
          <button
            key={tab.id}
            ref={(el) => {
              refs.current[index] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={selected}
            aria-controls="panel"
            tabIndex={selected ? 0 : -1}
            className={selected ? 'tab on' : 'tab'}
            onClick={() => props.onSelect(tab.id)}
            onKeyDown={(e) => onKeyDown(e, index)}
          >
            {tab.label}
            {badge && (
              <>
                {/* Read as one phrase, "Platforms (1 error)": the badge alone would be "1". */}
                <span className="tab-badge" aria-hidden="true">
                  {badge.count}
                </span>
                <span className="visually-hidden">{` (${badge.count} ${badge.label})`}</span>
              </>
            )}
          </button>
        );
      })}
    </nav>
  );
}
