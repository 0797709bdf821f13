import { t, type PlainKey } from '../../common/i18n';
import type { CapacitySettings, LaneColour, LaneKind, RuleField } from './model';

export const KIND_LABEL: Record<LaneKind, PlainKey> = {
  dedicated: 'ps.kind.dedicated',
  run: 'ps.kind.run',
  experiments: 'ps.kind.experiments'
};

export const COLOUR_LABEL: Record<LaneColour, PlainKey> = {
  blue: 'ps.colour.blue',
  teal: 'ps.colour.teal',
  green: 'ps.colour.green',
  lime: 'ps.colour.lime',
  yellow: 'ps.colour.yellow',
  orange: 'ps.colour.orange',
  red: 'ps.colour.red',
  magenta: 'ps.colour.magenta',
  purple: 'ps.colour.purple',
  gray: 'ps.colour.gray'
};

export const RULE_FIELD_LABEL: Record<RuleField, PlainKey> = {
  epic: 'ps.rules.field.epic',
  label: 'ps.rules.field.label',
  component: 'ps.rules.field.component',
  issueType: 'ps.rules.field.issueType'
};

const TOP_LABEL: Partial<Record<string, PlainKey>> = {
  lanes: 'ps.lanes.heading',
  people: 'ps.people.heading',
  timeOff: 'ps.timeOff.heading',
  rules: 'ps.rules.heading',
  period: 'ps.general.period',
  futureOpsHoursPerWeek: 'ps.general.futureOps',
  experimentsShare: 'ps.general.experiments',
  estimate: 'ps.general.estimate'
};

/**
 * What the page calls the thing at a settings path, for the summary of a refused save:
 * `people[2].shares` → "People › Ana Martin", `lanes[1].name` → "Lanes › Refonte du site".
 */
export function pathLabel(
  path: string,
  settings: CapacitySettings,
  nameOf: (accountId: string) => string
): string {
  const match = /^(\w+)(?:\[(\d+)\])?/.exec(path);
  const head = match?.[1];
  const index = match?.[2] === undefined ? undefined : Number(match[2]);
  const key = head === undefined ? undefined : TOP_LABEL[head];
  if (key === undefined) return t('ps.field.whole');
  const section = t(key);
  if (index === undefined) return section;
  let item: string | undefined;
  if (head === 'lanes') item = settings.lanes[index]?.name;
  else if (head === 'people') {
    const person = settings.people[index];
    item = person && nameOf(person.accountId);
  } else if (head === 'timeOff') {
    const entry = settings.timeOff[index];
    item = entry && `${nameOf(entry.accountId)}, ${entry.start}`;
  } else if (head === 'rules') item = t('ps.rules.position', { position: index + 1 });
  return item === undefined || item === '' ? section : `${section} › ${item}`;
}
