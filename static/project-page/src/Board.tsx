import { dropTargetForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import type { BoardLaneView, BoardView, CapacityPageView, PersonView } from '@contract/capacity';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HostInfo } from '../../common/bootstrap';
import { getCapacityCell, moveCard } from '../../common/client';
import { Lozenge, SectionMessage } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { getLocale, t } from '../../common/i18n';
import type { Announce } from './App';
import { Card, isCardDragData } from './Card';
import type { MoveOption } from './MoveMenu';
import {
  LANE_FALLBACK,
  appendCell,
  COLUMNS,
  findCard,
  formatNumber,
  loadMeter,
  moveCardLocally,
  tokenVar,
  warningText,
  type Column
} from './model';

const COLUMN_LABELS = {
  todo: 'lanes.column.todo',
  inProgress: 'lanes.column.inProgress',
  done: 'lanes.column.done'
} as const;
const KIND_LABELS = {
  dedicated: 'lanes.kind.dedicated',
  run: 'lanes.kind.run',
  experiments: 'lanes.kind.experiments'
} as const;

function PeopleStrip({ people, host }: { people: ReadonlyArray<PersonView>; host: HostInfo }) {
  return (
    <section className="lanes-people" aria-labelledby="lanes-people-heading">
      <h2 id="lanes-people-heading" className="lanes-h2">
        {t('lanes.people.heading')}
      </h2>
      {people.length === 0 ? (
        <p className="tdm-subtle">{t('lanes.people.none')}</p>
      ) : (
        <ul className="lanes-people__list">
          {people.map((person) => {
            const over = person.wip > person.wipLimit;
            return (
              <li
                key={person.accountId}
                className={`lanes-person${over ? ' lanes-person--over' : ''}`}
                aria-label={t('lanes.people.wipLabel', {
                  name: person.displayName,
                  count: formatNumber(person.wip, host.tag, 0),
                  limit: formatNumber(person.wipLimit, host.tag, 0)
                })}
              >
                <span className="lanes-person__name">{person.displayName}</span>
                <span className="lanes-person__wip" aria-hidden="true">
                  {t('lanes.people.wip', {
                    count: formatNumber(person.wip, host.tag, 0),
                    limit: formatNumber(person.wipLimit, host.tag, 0)
                  })}
                </span>
                {!person.inSettings && (
                  <span className="tdm-small tdm-subtle">{t('lanes.people.notInSettings')}</span>
                )}
                {person.warnings.map((w) => (
                  <span key={w.warning.code} className="tdm-small lanes-warning-text">
                    {warningText(w, getLocale())}
                  </span>
                ))}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function LaneHeader({
  lane,
  host,
  collapsed,
  onToggle
}: {
  lane: BoardLaneView;
  host: HostInfo;
  collapsed: boolean;
  onToggle: () => void;
}) {
  const hours = (value: number) => t('lanes.hours', { hours: formatNumber(value, host.tag) });
  const meter = loadMeter(lane.loadHours, lane.capacityHours);
  const meterText = meter.noCapacity
    ? t('lanes.loadMeterNoCapacity', { load: hours(lane.loadHours) })
    : t('lanes.loadMeterText', { load: hours(lane.loadHours), capacity: hours(lane.capacityHours) });
  const wipOver = lane.wip.limit !== null && lane.wip.count > lane.wip.limit;
  return (
    <div className="lanes-lane__header">
      <span
        className="lanes-lane__swatch"
        style={{ backgroundColor: tokenVar(lane.colourToken, LANE_FALLBACK) }}
        aria-hidden="true"
      />
      <h3 className="lanes-lane__name">
        <button
          type="button"
          className="lanes-lane__toggle"
          aria-expanded={!collapsed}
          aria-label={
            collapsed ? t('lanes.expand', { lane: lane.name }) : t('lanes.collapse', { lane: lane.name })
          }
          onClick={onToggle}
        >
          <span aria-hidden="true" className="lanes-lane__chevron">
            {collapsed ? '▸' : '▾'}
          </span>
          {lane.name}
        </button>
      </h3>
      <Lozenge
        appearance={
          lane.kind === 'dedicated' ? 'inprogress' : lane.kind === 'experiments' ? 'new' : 'default'
        }
      >
        {t(KIND_LABELS[lane.kind])}
      </Lozenge>
      <span className="tdm-small">
        {lane.owner ? t('lanes.owner', { name: lane.owner.displayName }) : t('lanes.noOwner')}
      </span>
      <span className="tdm-small">{t('lanes.capacity', { hours: hours(lane.capacityHours) })}</span>
      <span className="tdm-small">{t('lanes.load', { hours: hours(lane.loadHours) })}</span>
      <span className="lanes-meter">
        <span
          role="meter"
          aria-label={t('lanes.loadMeter', { lane: lane.name })}
          aria-valuemin={0}
          aria-valuemax={meter.max}
          aria-valuenow={meter.value}
          aria-valuetext={meterText}
          className={`lanes-meter__track${meter.over ? ' lanes-meter__track--over' : ''}`}
        >
          <span className="lanes-meter__fill" style={{ width: `${meter.percent}%` }} />
        </span>
      </span>
      <span className={`tdm-small${wipOver ? ' lanes-warning-text' : ''}`}>
        {lane.wip.limit === null
          ? t('lanes.wipNoLimit', { count: formatNumber(lane.wip.count, host.tag, 0) })
          : t('lanes.wip', {
              count: formatNumber(lane.wip.count, host.tag, 0),
              limit: formatNumber(lane.wip.limit, host.tag, 0)
            })}
      </span>
      {lane.unestimatedCount > 0 && (
        <span className="tdm-small">
          {t('lanes.unestimated', { count: formatNumber(lane.unestimatedCount, host.tag, 0) })}
        </span>
      )}
      {lane.warnings.length > 0 && (
        <ul className="lanes-warnings" aria-label={t('lanes.warnings')}>
          {lane.warnings.map((w, i) => (
            <li key={`${w.warning.code}-${i}`} className="lanes-warning">
              {warningText(w, getLocale())}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Lane({
  lane,
  host,
  lanes,
  busyCard,
  onMove,
  onShowMore
}: {
  lane: BoardLaneView;
  host: HostInfo;
  lanes: ReadonlyArray<BoardLaneView>;
  busyCard: string | null;
  onMove: (cardId: string, laneId: string | null) => void;
  onShowMore: (laneId: string, column: Column) => void;
}) {
  const [collapsed, setCollapsed] = useState(false);
  const [over, setOver] = useState(false);
  const element = useRef<HTMLElement>(null);

  useEffect(() => {
    const node = element.current;
    if (!node) return undefined;
    return dropTargetForElements({
      element: node,
      getData: () => ({ laneId: lane.id }),
      canDrop: ({ source }) => isCardDragData(source.data) && source.data.laneId !== lane.id,
      onDragEnter: () => setOver(true),
      onDragLeave: () => setOver(false),
      onDrop: ({ source }) => {
        setOver(false);
        if (isCardDragData(source.data)) onMove(source.data.cardId, lane.id);
      }
    });
  }, [lane.id, onMove]);

  const options = useMemo(
    () => lanes.filter((l) => l.id !== lane.id).map((l): MoveOption => ({ laneId: l.id, label: l.name })),
    [lanes, lane.id]
  );
  const withRules = useMemo<ReadonlyArray<MoveOption>>(
    () => [...options, { laneId: null, label: t('lanes.move.rules') }],
    [options]
  );

  return (
    <section
      ref={element}
      className={`lanes-lane${over ? ' lanes-lane--over' : ''}`}
      style={{ borderInlineStartColor: tokenVar(lane.colourToken, LANE_FALLBACK) }}
      data-lane-id={lane.id}
      aria-label={lane.name}
    >
      <LaneHeader lane={lane} host={host} collapsed={collapsed} onToggle={() => setCollapsed((c) => !c)} />
      {over && <p className="lanes-drop-hint">{t('lanes.move.dropHere', { lane: lane.name })}</p>}
      {!collapsed && (
        <div className="lanes-cells">
          {COLUMNS.map((column) => {
            const cell = lane.cells[column];
            return (
              <div key={column} className="lanes-cell" data-column={column}>
                <h4 className="lanes-cell__title tdm-small tdm-subtle">
                  {t('lanes.cellSummary', {
                    column: t(COLUMN_LABELS[column]),
                    count: formatNumber(cell.total, host.tag, 0)
                  })}
                </h4>
                {cell.cards.length === 0 ? (
                  <p className="tdm-small tdm-subtle">{t('lanes.empty')}</p>
                ) : (
                  <ul className="lanes-cell__cards">
                    {cell.cards.map((card) => (
                      <Card
                        key={card.id}
                        card={card}
                        laneId={lane.id}
                        host={host}
                        moveOptions={card.laneSource === 'override' ? withRules : options}
                        busy={busyCard === card.id}
                        onMove={onMove}
                      />
                    ))}
                  </ul>
                )}
                {cell.cards.length < cell.total && (
                  <button
                    type="button"
                    className="tdm-button tdm-button--subtle lanes-more"
                    onClick={() => onShowMore(lane.id, column)}
                  >
                    {t('lanes.showMore', {
                      shown: formatNumber(cell.cards.length, host.tag, 0),
                      total: formatNumber(cell.total, host.tag, 0)
                    })}
                  </button>
                )}
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}

export function Board({
  host,
  projectId,
  board: saved,
  snapshot: savedSnapshot,
  onView,
  announce
}: {
  host: HostInfo;
  projectId: string;
  board: BoardView;
  /** What the server built this board from: "show more" and moves send it back. */
  snapshot: string | null;
  /** The page as the move's answer gives it (the server's figures after the move). */
  onView: (view: CapacityPageView) => void;
  announce: Announce;
}) {
  // What the page shows between the server's answers (a card on its way, cells shown further);
  // the server's figures win as soon as a new board arrives (after a move, loads and warnings change).
  const [local, setLocal] = useState<{ base: BoardView; board: BoardView } | null>(null);
  const board = local !== null && local.base === saved ? local.board : saved;
  // A "show more" that found the snapshot expired answers a new one; a new board brings its own.
  const [renewed, setRenewed] = useState<{ base: BoardView; snapshot: string | null } | null>(null);
  const snapshot = renewed !== null && renewed.base === saved ? renewed.snapshot : savedSnapshot;
  const [busyCard, setBusyCard] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    performance.mark('tandem:lanes-board-rendered');
  }, []);

  const onMove = useCallback(
    async (cardId: string, laneId: string | null) => {
      const place = findCard(board, cardId);
      if (!place) return;
      const target = laneId === null ? null : board.lanes.find((l) => l.id === laneId);
      const laneName = target ? target.name : t('lanes.move.rules');
      setProblem(null);
      setBusyCard(cardId);
      announce(t('lanes.move.moving', { key: place.card.key, lane: laneName }));
      if (laneId !== null) setLocal({ base: saved, board: moveCardLocally(board, cardId, laneId) });
      const answer = await moveCard({
        projectId,
        issueId: cardId,
        laneId,
        ...(snapshot === null ? {} : { snapshot })
      });
      if (!answer.ok) {
        setLocal({ base: saved, board });
        setBusyCard(null);
        const reason =
          answer.error.code === 'FORBIDDEN' ? t('lanes.move.forbidden') : errorMessage(answer.error);
        const text = t('lanes.move.failed', { key: place.card.key, reason });
        setProblem(text);
        announce(text);
        return;
      }
      onView(answer.data);
      setBusyCard(null);
      announce(t('lanes.move.done', { key: place.card.key, lane: laneName }));
    },
    [announce, board, onView, projectId, saved, snapshot]
  );

  const onShowMore = useCallback(
    async (laneId: string, column: Column) => {
      const lane = board.lanes.find((l) => l.id === laneId);
      if (!lane) return;
      const answer = await getCapacityCell({
        projectId,
        laneId,
        column,
        offset: lane.cells[column].cards.length,
        ...(snapshot === null ? {} : { snapshot })
      });
      if (answer.ok) {
        setLocal({ base: saved, board: appendCell(board, laneId, column, answer.data) });
        if (answer.data.snapshot !== snapshot) setRenewed({ base: saved, snapshot: answer.data.snapshot });
      } else setProblem(errorMessage(answer.error));
    },
    [board, projectId, saved, snapshot]
  );

  const move = useCallback((cardId: string, laneId: string | null) => void onMove(cardId, laneId), [onMove]);
  const more = useCallback((laneId: string, column: Column) => void onShowMore(laneId, column), [onShowMore]);

  return (
    <div className="lanes-board-wrap">
      <PeopleStrip people={board.people} host={host} />
      {problem !== null && (
        <SectionMessage appearance="error" headingLevel={3}>
          <p data-testid="lanes-problem">{problem}</p>
        </SectionMessage>
      )}
      <div className="lanes-columns" aria-hidden="true">
        {COLUMNS.map((column) => (
          <span key={column} className="lanes-columns__label">
            {t(COLUMN_LABELS[column])}
          </span>
        ))}
      </div>
      <div className="lanes-board" role="region" aria-label={t('lanes.board.label')}>
        {board.lanes.map((lane) => (
          <Lane
            key={lane.id}
            lane={lane}
            host={host}
            lanes={board.lanes}
            busyCard={busyCard}
            onMove={move}
            onShowMore={more}
          />
        ))}
      </div>
    </div>
  );
}
