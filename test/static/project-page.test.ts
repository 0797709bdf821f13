import tokenNames from '@atlaskit/tokens/token-names';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  capacityViews,
  parseSettings,
  type CapacitySettings,
  type CapacitySettingsInput
} from '../../src/capacity/domain';
import type { BoardView } from '../../src/contract/capacity';
import { messages } from '../../static/common/messages';
import {
  appendCell,
  chartBars,
  clearDirection,
  findCard,
  formatDay,
  formatNumber,
  loadMeter,
  menuTarget,
  moveCardLocally,
  niceMax,
  parsePercent,
  tokenVar
} from '../../static/project-page/src/model';
import { projectPageMessages } from '../../static/project-page/src/messages';
import { issue } from '../capacity/worked-example';

const H = 3600;
function settings(input: CapacitySettingsInput): CapacitySettings {
  const parsed = parseSettings(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

/** A real board from the domain: two lanes, 25 open website issues (a cell pages at 20), one run issue. */
function demoBoard(): BoardView {
  const s = settings({
    lanes: [
      { id: 'website', name: 'Refonte du site', kind: 'dedicated', colour: 'blue' },
      { id: 'run', name: 'Run', kind: 'run' }
    ],
    rules: [{ field: 'label', value: 'web', lane: 'website' }],
    people: [{ accountId: 'a', hoursPerWeek: 40, shares: { website: 0.5 } }]
  });
  const issues = [
    ...Array.from({ length: 25 }, (_, i) =>
      issue({ key: `WEB-${i + 1}`, labels: ['web'], rank: i, remainingEstimateSeconds: 4 * H })
    ),
    issue({ key: 'RUN-1', rank: 100, statusCategory: 'indeterminate', remainingEstimateSeconds: 2 * H })
  ];
  return capacityViews({ today: '2026-11-30', settings: s, issues }).board;
}

describe('a card move on screen, before the server answers', () => {
  it('takes the card out of its cell and puts it first in the same column of the target lane, marked as moved', () => {
    const board = demoBoard();
    const card = board.lanes[0]?.cells.todo.cards[3];
    if (!card) throw new Error('fixture');
    const after = moveCardLocally(board, card.id, 'run');
    const website = after.lanes.find((l) => l.id === 'website');
    const run = after.lanes.find((l) => l.id === 'run');
    expect(website?.cells.todo.total).toBe(24);
    expect(website?.cells.todo.cards.map((c) => c.key)).not.toContain(card.key);
    expect(run?.cells.todo.cards[0]).toMatchObject({ key: card.key, laneSource: 'override' });
    expect(run?.cells.todo.total).toBe(1);
    expect(findCard(after, card.id)).toMatchObject({ laneId: 'run', column: 'todo' });
    // The board it came from is untouched: a refused move shows it again as it was.
    expect(findCard(board, card.id)).toMatchObject({ laneId: 'website', column: 'todo' });
  });

  it('keeps an in-progress card in progress', () => {
    const board = demoBoard();
    const runCard = board.lanes[1]?.cells.inProgress.cards[0];
    if (!runCard) throw new Error('fixture');
    expect(findCard(moveCardLocally(board, runCard.id, 'website'), runCard.id)?.column).toBe('inProgress');
  });

  it('changes nothing for an unknown card, an unknown lane or the lane the card is in', () => {
    const board = demoBoard();
    const id = board.lanes[0]?.cells.todo.cards[0]?.id ?? '';
    expect(moveCardLocally(board, 'nope', 'run')).toBe(board);
    expect(moveCardLocally(board, id, 'deleted-lane')).toBe(board);
    expect(moveCardLocally(board, id, 'website')).toBe(board);
  });
});

describe('show more', () => {
  it('adds the next page to the cell, never a card twice', () => {
    const board = demoBoard();
    const website = board.lanes[0];
    if (!website) throw new Error('fixture');
    expect(website.cells.todo.cards).toHaveLength(board.pageSize);
    expect(website.cells.todo.total).toBe(25);
    const shown = website.cells.todo.cards;
    const extra = { ...shown[0]!, id: 'new', key: 'WEB-99' };
    const after = appendCell(board, 'website', 'todo', { offset: 20, total: 25, cards: [shown[19]!, extra] });
    const cards = after.lanes[0]?.cells.todo.cards ?? [];
    expect(cards).toHaveLength(21);
    expect(cards[20]?.key).toBe('WEB-99');
    expect(after.lanes[1]).toBe(board.lanes[1]);
  });
});

describe('the load meter', () => {
  it('fills to the share of capacity used and flags overload without claiming more than its maximum', () => {
    expect(loadMeter(30, 40)).toEqual({ value: 30, max: 40, percent: 75, over: false, noCapacity: false });
    expect(loadMeter(100, 40)).toEqual({ value: 40, max: 40, percent: 100, over: true, noCapacity: false });
  });
  it('says "no capacity" instead of dividing by zero', () => {
    expect(loadMeter(5, 0)).toMatchObject({ percent: 100, over: true, noCapacity: true });
    expect(loadMeter(0, 0)).toMatchObject({ percent: 0, over: false, noCapacity: true });
  });
});

describe('the capacity chart', () => {
  it('scales to a round top and draws each period’s figure as a bar of proportional height', () => {
    expect([niceMax(0), niceMax(7), niceMax(12), niceMax(48), niceMax(100), niceMax(101)]).toEqual([
      1, 10, 20, 50, 100, 200
    ]);
    const bars = chartBars([20, 40, 0, 10], 400, 100);
    expect(bars.map((b) => b.value)).toEqual([20, 40, 0, 10]);
    // Top is 50: 40 h is 80 % of the height, 0 h no bar at all.
    expect(bars.map((b) => b.height)).toEqual([40, 80, 0, 20]);
    expect(bars.every((b) => b.y + b.height === 100)).toBe(true);
    expect(bars[1]!.x).toBeGreaterThan(bars[0]!.x + bars[0]!.width);
  });
});

describe('the move menu keys', () => {
  it('moves through the lanes with the arrows, wraps, and jumps with Home and End', () => {
    expect(menuTarget('ArrowDown', 0, 3)).toBe(1);
    expect(menuTarget('ArrowDown', 2, 3)).toBe(0);
    expect(menuTarget('ArrowUp', 0, 3)).toBe(2);
    expect(menuTarget('Home', 2, 3)).toBe(0);
    expect(menuTarget('End', 0, 3)).toBe(2);
    expect(menuTarget('Enter', 1, 3)).toBeNull();
    expect(menuTarget('ArrowDown', 0, 0)).toBeNull();
  });
});

describe('what-if', () => {
  it('tells whether a lane now clears earlier or later; never is the latest', () => {
    const dated = (date: string) => ({ status: 'dated' as const, date });
    expect(clearDirection(dated('2026-12-10'), dated('2026-12-04'))).toBe(-1);
    expect(clearDirection(dated('2026-12-10'), dated('2027-01-04'))).toBe(1);
    expect(clearDirection(dated('2026-12-10'), dated('2026-12-10'))).toBe(0);
    expect(clearDirection(dated('2026-12-10'), { status: 'noCapacity' })).toBe(1);
    expect(clearDirection({ status: 'beyondHorizon' }, { status: 'noCapacity' })).toBe(1);
    expect(clearDirection({ status: 'noCapacity' }, { status: 'clear' })).toBe(-1);
  });
  it('reads a percentage typed with a dot or a comma, within its bounds', () => {
    expect(parsePercent('50')).toBe(50);
    expect(parsePercent(' 12,5 ')).toBe(12.5);
    expect(parsePercent('101')).toBeNull();
    expect(parsePercent('-5')).toBeNull();
    expect(parsePercent('')).toBeNull();
    expect(parsePercent('abc')).toBeNull();
    expect(parsePercent('60', 0, 80)).toBe(60);
  });
});

describe('dates, numbers and colours', () => {
  it('writes a calendar date as that day in the user’s language, whatever the time zone', () => {
    expect(formatDay('2026-12-04', 'en-US')).toBe('Dec 4, 2026');
    expect(formatDay('2026-12-04', 'fr-FR')).toBe('4 déc. 2026');
    const zone = process.env.TZ;
    process.env.TZ = 'Pacific/Honolulu';
    try {
      expect(formatDay('2026-12-04', 'en-US')).toBe('Dec 4, 2026');
    } finally {
      process.env.TZ = zone;
    }
    expect(formatDay('not a date', 'en-US')).toBe('not a date');
  });
  it('writes hours with the decimal mark of the language', () => {
    expect(formatNumber(12.5, 'en-US')).toBe('12.5');
    expect(formatNumber(12.5, 'fr-FR')).toBe('12,5');
    expect(formatNumber(12.345, 'en-US')).toBe('12.3');
  });
  it('turns the domain’s lane colour token into a real design-token variable', () => {
    const board = demoBoard();
    const token = board.lanes[0]?.colourToken ?? '';
    const css = tokenVar(token, '#ddd');
    const names: Record<string, string> = tokenNames;
    expect(css).toBe(`var(${names[token]}, #ddd)`);
    expect(tokenVar('not a token!', '#ddd')).toBe('#ddd');
  });
});

describe('the project page’s strings', () => {
  const SRC = path.resolve(__dirname, '..', '..', 'static', 'project-page', 'src');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? files(path.join(dir, entry.name))
        : /\.tsx?$/.test(entry.name)
          ? [path.join(dir, entry.name)]
          : []
    );

  it('registers every key its sources use, in both languages, and no other surface’s', () => {
    const used = new Set(
      files(SRC).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/'((?:lanes|common)\.[\w.]+)'/g)].map((m) => m[1] ?? '')
      )
    );
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !(key in projectPageMessages.en))).toEqual([]);
    expect(Object.keys(projectPageMessages.fr).sort()).toEqual(Object.keys(projectPageMessages.en).sort());
    expect(Object.keys(projectPageMessages.en).filter((key) => /^(admin|policy|panel)\./.test(key))).toEqual(
      []
    );
    // The catalogue of every surface knows them too (the i18n checks run over it).
    expect([...used].filter((key) => !(key in messages.en))).toEqual([]);
  });
});
