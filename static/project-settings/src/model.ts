/**
 * The settings editor's arithmetic and bookkeeping, free of React so it runs (and is tested) under
 * plain Node. The checks are the domain's own `parseSettings` (imported by module name, never the
 * domain's index): the page names the same problems, at the same paths, as the resolver will.
 */
import {
  DEFAULT_FUTURE_OPS_HOURS,
  DEFAULT_PERSON_WIP_LIMIT,
  EXPERIMENTS_BAND,
  LANE_COLOURS,
  LANE_KINDS,
  parseSettings,
  RULE_FIELDS,
  settingsIssueMessage,
  type CapacitySettings,
  type Lane,
  type LaneColour,
  type LaneKind,
  type LaneRule,
  type Person,
  type RuleField,
  type SettingsIssue,
  type TimeOff
} from '../../../src/capacity/domain/settings';
import type { Locale } from '../../common/i18n';

export {
  DEFAULT_FUTURE_OPS_HOURS,
  DEFAULT_PERSON_WIP_LIMIT,
  EXPERIMENTS_BAND,
  LANE_COLOURS,
  LANE_KINDS,
  RULE_FIELDS
};
export type { CapacitySettings, Lane, LaneColour, LaneKind, LaneRule, Person, RuleField, TimeOff };

// ---- percentages ----------------------------------------------------------------------------------

/** 0.35 → 35, 0.125 → 12.5: shares are typed as percentages, stored as fractions. */
export function toPercent(fraction: number): number {
  return Math.round(fraction * 1000) / 10;
}

export function fromPercent(percent: number): number {
  return Math.round(percent * 10) / 1000;
}

/**
 * A decimal number as typed, `12.5` or `12,5` (French); empty → null; anything else → NaN, which
 * the schema refuses and the page names, instead of silently keeping the previous value.
 */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  return /^\d+(?:\.\d+)?$/.test(trimmed) ? Number(trimmed) : NaN;
}

export function formatDecimal(value: number, locale: Locale): string {
  const text = String(Math.round(value * 100) / 100);
  return locale === 'fr' ? text.replace('.', ',') : text;
}

/** The sum of a person's dedicated shares, in percent (only lanes that still exist count). */
export function shareSum(person: Person, lanes: readonly Lane[]): number {
  const ids = new Set(lanes.map((lane) => lane.id));
  let sum = 0;
  for (const [laneId, share] of Object.entries(person.shares)) if (ids.has(laneId)) sum += share;
  return toPercent(sum);
}

/** Over 100 %, with the same tolerance as the domain (0.7 + 0.2 + 0.1 is 100 %). */
export const isOverFull = (sumPercent: number): boolean => sumPercent > 100 + 1e-6;

// ---- lanes ------------------------------------------------------------------------------------------

/** `Refonte du site` → `refonte-du-site`: the lane id is the value JQL searches (`tandemLane = "…"`). */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug === '' ? 'lane' : slug;
}

/** A slug of `name` no other lane uses (`website`, `website-2`, …). */
export function uniqueLaneId(name: string, taken: ReadonlySet<string>): string {
  const base = slugify(name);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A new dedicated lane at the end, with a colour the other lanes do not use yet when one is left. */
export function addLane(settings: CapacitySettings, name: string): CapacitySettings {
  const taken = new Set(settings.lanes.map((lane) => lane.id));
  const used = new Set(settings.lanes.map((lane) => lane.colour));
  const colour = LANE_COLOURS.find((c) => !used.has(c)) ?? 'blue';
  const lane: Lane = {
    id: uniqueLaneId(name, taken),
    name,
    kind: 'dedicated',
    owner: null,
    start: null,
    end: null,
    wipLimit: null,
    colour
  };
  return { ...settings, lanes: [...settings.lanes, lane] };
}

/**
 * Renames a lane. A lane saved before keeps its id (issues are labelled with it and boards search
 * it); a lane new in this draft takes the slug of its new name, and the shares and rules that
 * point at it follow.
 */
export function renameLane(
  settings: CapacitySettings,
  index: number,
  name: string,
  savedIds: ReadonlySet<string>
): CapacitySettings {
  const lane = settings.lanes[index];
  if (lane === undefined) return settings;
  if (savedIds.has(lane.id)) return replaceLane(settings, index, { ...lane, name });
  const taken = new Set(settings.lanes.filter((_, i) => i !== index).map((other) => other.id));
  for (const id of savedIds) taken.add(id);
  const id = uniqueLaneId(name, taken);
  const renamed = replaceLane(settings, index, { ...lane, name, id });
  return id === lane.id ? renamed : moveLaneId(renamed, lane.id, id);
}

function replaceLane(settings: CapacitySettings, index: number, lane: Lane): CapacitySettings {
  return { ...settings, lanes: settings.lanes.map((other, i) => (i === index ? lane : other)) };
}

function moveLaneId(settings: CapacitySettings, from: string, to: string): CapacitySettings {
  return {
    ...settings,
    people: settings.people.map((person) => {
      if (!(from in person.shares)) return person;
      const shares = Object.fromEntries(
        Object.entries(person.shares).map(([laneId, share]) => [laneId === from ? to : laneId, share])
      );
      return { ...person, shares };
    }),
    rules: settings.rules.map((rule) => (rule.lane === from ? { ...rule, lane: to } : rule))
  };
}

/** Only dedicated lanes take shares: a lane that stops being dedicated gives its shares back. */
export function setLaneKind(settings: CapacitySettings, index: number, kind: LaneKind): CapacitySettings {
  const lane = settings.lanes[index];
  if (lane === undefined) return settings;
  const next = replaceLane(settings, index, { ...lane, kind });
  return kind === 'dedicated' ? next : dropShares(next, lane.id);
}

function dropShares(settings: CapacitySettings, laneId: string): CapacitySettings {
  return {
    ...settings,
    people: settings.people.map((person) => {
      if (!(laneId in person.shares)) return person;
      const shares = { ...person.shares };
      delete shares[laneId];
      return { ...person, shares };
    })
  };
}

/** Removes a lane with the shares given to it and the rules that send issues to it. */
export function removeLane(settings: CapacitySettings, index: number): CapacitySettings {
  const lane = settings.lanes[index];
  if (lane === undefined) return settings;
  const without = dropShares(settings, lane.id);
  return {
    ...without,
    lanes: without.lanes.filter((_, i) => i !== index),
    rules: without.rules.filter((rule) => rule.lane !== lane.id)
  };
}

export const dedicatedLanes = (settings: CapacitySettings): Lane[] =>
  settings.lanes.filter((lane) => lane.kind === 'dedicated');

// ---- people and time off ---------------------------------------------------------------------------

export function addPerson(settings: CapacitySettings, accountId: string): CapacitySettings {
  if (settings.people.some((person) => person.accountId === accountId)) return settings;
  const person: Person = { accountId, hoursPerWeek: 40, shares: {}, wipLimit: DEFAULT_PERSON_WIP_LIMIT };
  return { ...settings, people: [...settings.people, person] };
}

/** Removes a person with their time off (the domain refuses time off for someone not in people). */
export function removePerson(settings: CapacitySettings, index: number): CapacitySettings {
  const person = settings.people[index];
  if (person === undefined) return settings;
  return {
    ...settings,
    people: settings.people.filter((_, i) => i !== index),
    timeOff: settings.timeOff.filter((entry) => entry.accountId !== person.accountId),
    lanes: settings.lanes.map((lane) => (lane.owner === person.accountId ? { ...lane, owner: null } : lane))
  };
}

/** A share typed in percent; 0 or empty removes the share instead of storing a zero. */
export function setShare(person: Person, laneId: string, percent: number | null): Person {
  const shares = { ...person.shares };
  if (percent === null || percent === 0) delete shares[laneId];
  else shares[laneId] = Number.isNaN(percent) ? NaN : fromPercent(percent);
  return { ...person, shares };
}

/** Positions in `timeOff` of one person's entries: the only ones they may edit without configuring. */
export function ownTimeOff(settings: CapacitySettings, accountId: string): number[] {
  return settings.timeOff.flatMap((entry, index) => (entry.accountId === accountId ? [index] : []));
}

// ---- rules ------------------------------------------------------------------------------------------

/** Rules apply in order (first match wins), so moving one changes which lane an issue gets. */
export function moveRule(rules: readonly LaneRule[], index: number, by: -1 | 1): LaneRule[] {
  const target = index + by;
  if (index < 0 || index >= rules.length || target < 0 || target >= rules.length) return [...rules];
  const next = [...rules];
  const [moved] = next.splice(index, 1);
  if (moved !== undefined) next.splice(target, 0, moved);
  return next;
}

// ---- saving -----------------------------------------------------------------------------------------

export function sameSettings(a: CapacitySettings, b: CapacitySettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Names trimmed, as the schema compares them; nothing else is rewritten. */
export function normalise(settings: CapacitySettings): CapacitySettings {
  return {
    ...settings,
    lanes: settings.lanes.map((lane) => ({ ...lane, name: lane.name.trim() })),
    rules: settings.rules.map((rule) => ({ ...rule, value: rule.value.trim() }))
  };
}

/**
 * Whether saving starts the relabel job: the lanes issues can be given (ids and kinds) or the
 * rules that give them changed. A new name or colour changes no issue's label.
 */
export function changesLabels(before: CapacitySettings, after: CapacitySettings): boolean {
  const lanes = (s: CapacitySettings) => JSON.stringify(s.lanes.map((lane) => [lane.id, lane.kind]));
  return lanes(before) !== lanes(after) || JSON.stringify(before.rules) !== JSON.stringify(after.rules);
}

export interface Problem {
  /** Path inside the settings, as the domain writes it: `people[2].shares`, `timeOff[0]`, `lanes`. */
  path: string;
  message: string;
}

/** Everything wrong with a draft, in the user's language, by the domain's own check. */
export function problemsOf(draft: CapacitySettings, locale: Locale): Problem[] {
  const parsed = parseSettings(draft);
  if (parsed.ok) return [];
  return parsed.issues.map((issue: SettingsIssue) => {
    // The schema bounds one share to 0–1 ("at most 1"); on a field typed in percent, say it in percent.
    const share = /^people\[(\d+)\]\.shares\.(.+)$/.exec(issue.path);
    const value = share ? draft.people[Number(share[1])]?.shares[share[2] ?? ''] : undefined;
    if (issue.code === 'tooBig' && value !== undefined)
      return { path: issue.path, message: settingsIssueMessage('sharesOverFull', { sum: value })[locale] };
    return { path: issue.path, message: issue.message[locale] };
  });
}

/**
 * The path a resolver error names (`settings.people[2].shares`, or without the prefix), inside the
 * settings; undefined when it names something else (`basedOn`, `projectId`).
 */
export function settingsPath(field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  if (field === 'settings') return '';
  if (field.startsWith('settings.') || field.startsWith('settings['))
    return field.replace(/^settings\.?/, '');
  if (field.startsWith('entries')) return field.replace(/^entries/, 'timeOff');
  return /^(lanes|people|timeOff|rules|period|futureOpsHoursPerWeek|experimentsShare|estimate)\b/.test(field)
    ? field
    : undefined;
}

/**
 * The server's refusal as a problem at its field: our own wording for that path when the local
 * check finds the same one (so French readers get French), else the server's text after the path.
 */
export function serverProblem(
  field: string | undefined,
  message: string,
  local: readonly Problem[]
): Problem | undefined {
  const path = settingsPath(field);
  if (path === undefined) return undefined;
  const same = local.find((problem) => problem.path === path);
  if (same) return same;
  const text = message.startsWith(`${field ?? ''}:`)
    ? message.slice((field ?? '').length + 1).trim()
    : message;
  return { path, message: text };
}

/** The first problem at a path, or under it when `nested` (a share under `people[0].shares`). */
export function problemAt(problems: readonly Problem[], path: string, nested = false): string | undefined {
  const found = problems.find(
    (problem) =>
      problem.path === path ||
      (nested && (problem.path.startsWith(`${path}.`) || problem.path.startsWith(`${path}[`)))
  );
  return found?.message;
}
