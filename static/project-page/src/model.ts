/**
 * The project page's pure logic: what a card move does to the board on screen, how figures and
 * dates are written, the chart's geometry, the move menu's keys. Free of React and of the bridge
 * so test/static runs it under plain Node.
 */
import type {
  BoardLaneView,
  BoardView,
  CardView,
  CellAnswer,
  ClearView,
  WarningView
} from '@contract/capacity';

export type Column = 'todo' | 'inProgress' | 'done';
export const COLUMNS: ReadonlyArray<Column> = ['todo', 'inProgress', 'done'];

// ---- numbers and dates ----------------------------------------------------------------------------

/** Hours with at most one decimal, in the user's language (12.5 / 12,5). */
export function formatNumber(value: number, tag: string, decimals = 1): string {
  try {
    return new Intl.NumberFormat(tag, { maximumFractionDigits: decimals }).format(value);
  } catch {
    return new Intl.NumberFormat(undefined, { maximumFractionDigits: decimals }).format(value);
  }
}

/**
 * A calendar date (`2026-12-04`) in the user's language. It is a day, not an instant: it is shown
 * as that day whatever the time zone (formatted in UTC, where the string was read).
 */
export function formatDay(iso: string, tag: string, style: 'medium' | 'short' = 'medium'): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(tag, { dateStyle: style, timeZone: 'UTC' }).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, { dateStyle: style, timeZone: 'UTC' }).format(date);
  }
}

/** The domain's warning sentence in the page's language. */
export function warningText(warning: WarningView, locale: 'en' | 'fr'): string {
  return warning.message[locale];
}

// ---- load meter -----------------------------------------------------------------------------------

export interface Meter {
  /** For aria-valuenow/max: the meter never claims more than its maximum. */
  value: number;
  max: number;
  /** Width of the bar, 0-100. */
  percent: number;
  over: boolean;
  /** No hours in the period: the bar is full and marked, not a division by zero. */
  noCapacity: boolean;
}

export function loadMeter(loadHours: number, capacityHours: number): Meter {
  if (capacityHours <= 0)
    return {
      value: loadHours,
      max: loadHours,
      percent: loadHours > 0 ? 100 : 0,
      over: loadHours > 0,
      noCapacity: true
    };
  const ratio = loadHours / capacityHours;
  return {
    value: Math.min(loadHours, capacityHours),
    max: capacityHours,
    percent: Math.round(Math.min(1, ratio) * 100),
    over: ratio > 1,
    noCapacity: false
  };
}

// ---- chart ----------------------------------------------------------------------------------------

/** A round top for the chart's scale: 1, 2 or 5 times a power of ten, at least the largest bar. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}

/** Bars of equal width in a `width` × `height` box, scaled to `niceMax` of the values. */
export function chartBars(values: ReadonlyArray<number>, width: number, height: number, gap = 8): Bar[] {
  const top = niceMax(Math.max(0, ...values));
  const count = values.length;
  if (count === 0) return [];
  const barWidth = Math.max(1, (width - gap * (count - 1)) / count);
  return values.map((value, i) => {
    const h = Math.max(0, (value / top) * height);
    return { x: i * (barWidth + gap), y: height - h, width: barWidth, height: h, value };
  });
}

// ---- the board after a move -----------------------------------------------------------------------

export interface CardPlace {
  laneId: string;
  column: Column;
  card: CardView;
}

export function findCard(board: BoardView, cardId: string): CardPlace | null {
  for (const lane of board.lanes)
    for (const column of COLUMNS) {
      const card = lane.cells[column].cards.find((c) => c.id === cardId);
      if (card) return { laneId: lane.id, column, card };
    }
  return null;
}

/**
 * The board as it looks right after a move, before the server's figures arrive: the card leaves
 * its cell and joins the same column of the target lane, marked as moved by hand. Loads and
 * warnings are the server's to recompute, so they are left as they were. Unknown card or lane,
 * or the lane it is already in: the same board.
 */
export function moveCardLocally(board: BoardView, cardId: string, toLaneId: string): BoardView {
  const place = findCard(board, cardId);
  if (!place || place.laneId === toLaneId || !board.lanes.some((l) => l.id === toLaneId)) return board;
  const moved: CardView = { ...place.card, laneSource: 'override' };
  const lanes = board.lanes.map((lane): BoardLaneView => {
    if (lane.id === place.laneId) {
      const cell = lane.cells[place.column];
      return {
        ...lane,
        cells: {
          ...lane.cells,
          [place.column]: { total: cell.total - 1, cards: cell.cards.filter((c) => c.id !== cardId) }
        }
      };
    }
    if (lane.id === toLaneId) {
      const cell = lane.cells[place.column];
      return {
        ...lane,
        cells: { ...lane.cells, [place.column]: { total: cell.total + 1, cards: [moved, ...cell.cards] } }
      };
    }
    return lane;
  });
  return { ...board, lanes };
}

/** "Show more": the next page of a cell joins the cards already shown (a card never twice). */
export function appendCell(
  board: BoardView,
  laneId: string,
  column: Column,
  page: Omit<CellAnswer, 'snapshot'>
): BoardView {
  return {
    ...board,
    lanes: board.lanes.map((lane) => {
      if (lane.id !== laneId) return lane;
      const cell = lane.cells[column];
      const known = new Set(cell.cards.map((c) => c.id));
      return {
        ...lane,
        cells: {
          ...lane.cells,
          [column]: {
            total: page.total,
            cards: [...cell.cards, ...page.cards.filter((c) => !known.has(c.id))]
          }
        }
      };
    })
  };
}

// ---- the move menu's keys -------------------------------------------------------------------------

/** The item a key moves the focus to in a menu of `count` items (WAI-ARIA menu pattern); null: not a navigation key. */
export function menuTarget(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return (current + 1) % count;
    case 'ArrowUp':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

// ---- plan -----------------------------------------------------------------------------------------

/** Sorts clear states for a delta: a later date, or never, is worse. */
export function clearRank(clear: ClearView): number {
  switch (clear.status) {
    case 'clear':
      return 0;
    case 'dated':
      return Date.parse(`${clear.date}T00:00:00Z`) / 86_400_000;
    case 'beyondHorizon':
      return Number.MAX_SAFE_INTEGER - 1;
    case 'noCapacity':
      return Number.MAX_SAFE_INTEGER;
  }
}

/** -1 the what-if clears earlier, 1 later, 0 the same. */
export function clearDirection(before: ClearView, after: ClearView): -1 | 0 | 1 {
  const diff = clearRank(after) - clearRank(before);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** A what-if percentage as typed: a number in [min, max], else null. */
export function parsePercent(text: string, min = 0, max = 100): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

/**
 * The CSS custom property of a design token name (`color.background.accent.blue.subtler` →
 * `--ds-background-accent-blue-subtler`), the way @atlaskit/tokens names them, without shipping
 * the tokens package to the browser.
 */
export function tokenVar(token: string, fallback: string): string {
  const name = token.replace(/^color\./, '').replace(/\./g, '-');
  return /^[a-z0-9-]+$/.test(name) ? `var(--ds-${name}, ${fallback})` : fallback;
}

/** A lane's colour when the host serves no tokens (the light theme's neutral accent). */
export const LANE_FALLBACK = '#dddee1';
