/** What-if: changes applied to copies of the settings; nothing in the input is touched and nothing is saved. */
import { assignLane } from './issues';
import {
  parseSettings,
  type CapacitySettingsInput,
  type PersonInput,
  type SettingsIssue,
  type TimeOffInput
} from './settings';

import { analyse, round, type CapacityInput } from './analysis';
import { clearView, planView, type ClearView, type PlanView } from './views';

// ---------------------------------------------------------------------------------------------
// What-if: changes applied to copies; nothing in the input is touched and nothing is saved.

export type WhatIfChange =
  | { kind: 'setShare'; accountId: string; laneId: string; share: number }
  | { kind: 'setHoursPerWeek'; accountId: string; hoursPerWeek: number }
  | { kind: 'addTimeOff'; entry: TimeOffInput }
  | { kind: 'removeTimeOff'; index: number }
  | { kind: 'addPerson'; person: PersonInput }
  | { kind: 'dropIssues'; laneId: string; issueIds?: ReadonlyArray<string> };

export interface LaneDelta {
  laneId: string;
  capacityHoursBefore: number;
  capacityHoursAfter: number;
  clearBefore: ClearView;
  clearAfter: ClearView;
}

export type WhatIfResult =
  { ok: true; plan: PlanView; deltas: LaneDelta[] } | { ok: false; issues: SettingsIssue[] };

function applyChanges(input: CapacityInput, changes: ReadonlyArray<WhatIfChange>): CapacitySettingsInput {
  const s = input.settings;
  let people: CapacitySettingsInput['people'] = s.people.map((p) => ({ ...p, shares: { ...p.shares } }));
  let timeOff: CapacitySettingsInput['timeOff'] = s.timeOff.map((t) => ({ ...t }));
  for (const change of changes) {
    switch (change.kind) {
      case 'setShare':
        people = people.map((p) =>
          p.accountId === change.accountId
            ? { ...p, shares: { ...p.shares, [change.laneId]: change.share } }
            : p
        );
        break;
      case 'setHoursPerWeek':
        people = people.map((p) =>
          p.accountId === change.accountId ? { ...p, hoursPerWeek: change.hoursPerWeek } : p
        );
        break;
      case 'addTimeOff':
        timeOff = [...timeOff, { ...change.entry }];
        break;
      case 'removeTimeOff':
        timeOff = timeOff.filter((_, i) => i !== change.index);
        break;
      case 'addPerson':
        people = [...people, { ...change.person, shares: { ...(change.person.shares ?? {}) } }];
        break;
      case 'dropIssues':
        break;
    }
  }
  return {
    ...s,
    lanes: s.lanes.map((l) => ({ ...l })),
    rules: s.rules.map((r) => ({ ...r })),
    people,
    timeOff
  };
}

/**
 * Recomputes the plan with people, time off or scope changed. Changed settings go through the same
 * checks as a save (a share pushing someone over 100 % is refused with the same message).
 */
export function whatIf(input: CapacityInput, changes: ReadonlyArray<WhatIfChange>): WhatIfResult {
  const parsed = parseSettings(applyChanges(input, changes));
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const drops = changes.filter(
    (c): c is Extract<WhatIfChange, { kind: 'dropIssues' }> => c.kind === 'dropIssues'
  );
  const dropped = new Set<string>();
  for (const drop of drops) {
    const only = drop.issueIds ? new Set(drop.issueIds) : null;
    for (const issue of input.issues) {
      if (issue.statusCategory === 'done' || (only && !only.has(issue.id))) continue;
      if (assignLane(issue, input.settings, input.overrides).laneId === drop.laneId) dropped.add(issue.id);
    }
  }
  const changed: CapacityInput = {
    ...input,
    settings: parsed.value,
    issues: dropped.size === 0 ? input.issues : input.issues.filter((issue) => !dropped.has(issue.id))
  };
  const before = analyse(input);
  const after = analyse(changed);
  const deltas: LaneDelta[] = after.lanes.map((lane) => {
    const old = before.lanes.find((l) => l.lane.id === lane.lane.id);
    return {
      laneId: lane.lane.id,
      capacityHoursBefore: round(old?.capacityHours ?? 0),
      capacityHoursAfter: round(lane.capacityHours),
      clearBefore: old ? clearView(old.clear) : { status: 'clear' },
      clearAfter: clearView(lane.clear)
    };
  });
  return { ok: true, plan: planView(after), deltas };
}
