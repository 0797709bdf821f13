import { draggable } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import type { CardView } from '@contract/capacity';
import { memo, useEffect, useRef, useState } from 'react';
import type { HostInfo } from '../../common/bootstrap';
import { Lozenge } from '../../common/components';
import { t } from '../../common/i18n';
import { MoveMenu, type MoveOption } from './MoveMenu';
import { formatDay, formatNumber } from './model';

/** What a dragged card carries: enough for a lane to accept it and for the move call. */
export interface CardDragData extends Record<string, unknown> {
  type: 'tandem-card';
  cardId: string;
  laneId: string;
}

export function isCardDragData(data: Record<string, unknown>): data is CardDragData {
  return data.type === 'tandem-card' && typeof data.cardId === 'string' && typeof data.laneId === 'string';
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (
    ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() ||
    '?'
  );
}

/**
 * The avatar as initials, on purpose. Jira's `avatarUrls` point outside the site (Gravatar, with
 * Atlassian's avatar CDN on *.atl-paas.net as its fallback), never at *.atlassian.net. A Custom UI
 * frame loads an image from another origin only when the manifest declares it under
 * `permissions.external.images`, and declaring external domains makes the app ineligible for
 * "Runs on Atlassian" (developer.atlassian.com/platform/forge/add-content-security-and-egress-controls);
 * even Atlassian's own CDN hosts are not in the frame's default policy (jira.atlassian.com ECO-1504).
 * The preview's frame policy follows the manifest the same way (preview/surfaces.ts). The name is
 * written beside the initials, so nothing is lost.
 */
function Avatar({ name }: { name: string }) {
  return (
    <span className="lanes-avatar" aria-hidden="true">
      {initials(name)}
    </span>
  );
}

export const Card = memo(function Card({
  card,
  laneId,
  host,
  moveOptions,
  busy,
  onMove
}: {
  card: CardView;
  laneId: string;
  host: HostInfo;
  moveOptions: ReadonlyArray<MoveOption>;
  busy: boolean;
  onMove: (cardId: string, laneId: string | null) => void;
}) {
  const element = useRef<HTMLLIElement>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const node = element.current;
    if (!node) return undefined;
    return draggable({
      element: node,
      canDrag: () => !busy,
      getInitialData: (): CardDragData => ({ type: 'tandem-card', cardId: card.id, laneId }),
      onDragStart: () => setDragging(true),
      onDrop: () => setDragging(false)
    });
  }, [card.id, laneId, busy]);

  const late = card.missedByWorkingDays !== null;
  const hours = card.estimateHours;
  return (
    <li
      ref={element}
      className={`lanes-card${dragging ? ' lanes-card--dragging' : ''}`}
      data-card-key={card.key}
      aria-busy={busy || undefined}
    >
      <div className="lanes-card__top">
        <span className="lanes-card__key">{card.key}</span>
        <span className="tdm-small tdm-subtle">{card.type}</span>
        {card.laneSource === 'override' && <Lozenge appearance="moved">{t('lanes.card.override')}</Lozenge>}
      </div>
      <p className="lanes-card__summary">{card.summary}</p>
      <div className="lanes-card__meta tdm-small">
        <span className="lanes-card__assignee">
          {card.assignee ? (
            <>
              <Avatar name={card.assignee.displayName} />
              {card.assignee.displayName}
            </>
          ) : (
            <span className="tdm-subtle">{t('lanes.card.unassigned')}</span>
          )}
        </span>
        <span>
          {hours === null
            ? t('lanes.card.unestimated')
            : t('lanes.card.estimate', { hours: t('lanes.hours', { hours: formatNumber(hours, host.tag) }) })}
        </span>
        {card.targetDate !== null && (
          <span>{t('lanes.card.target', { date: formatDay(card.targetDate, host.tag, 'short') })}</span>
        )}
        {late && (
          <Lozenge appearance="removed">
            {t('lanes.card.late', { days: formatNumber(card.missedByWorkingDays ?? 0, host.tag, 0) })}
          </Lozenge>
        )}
      </div>
      <MoveMenu
        cardKey={card.key}
        options={moveOptions}
        disabled={busy}
        onPick={(target) => onMove(card.id, target)}
      />
    </li>
  );
});
