import type { CapacitySettings } from '../model';

/** A problem ready to spread onto a field: shown under it, read out when the server named it. */
export interface FieldProblemProps {
  problem?: string;
  announceProblem?: boolean;
}

/** What every section of the editor gets from it. */
export interface SectionProps {
  draft: CapacitySettings;
  change: (edit: (draft: CapacitySettings) => CapacitySettings) => void;
  /** The problem at a settings path (`people[0].hoursPerWeek`), or under it when `nested`. */
  problem: (path: string, nested?: boolean) => FieldProblemProps;
  readOnly: boolean;
  nameOf: (accountId: string) => string;
  /** Remembers the display name of someone picked in a search. */
  learnName: (accountId: string, displayName: string) => void;
  projectId: string;
  /** Polite announcement of what an action did (a rule moved, a lane removed). */
  announce: (text: string) => void;
}
