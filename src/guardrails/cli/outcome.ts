import { isAbsolute, relative, sep } from 'node:path';
import type { Decision, Finding, Lang } from '../domain';
import type { PageResult } from './check';
import type { CliMessages } from './messages';

export const EXIT = { go: 0, fix: 1, approval: 2, blocked: 3, usage: 64, internal: 70 } as const;

/*
 * Which decision is worse, as the domain ranks them for one page: a page to fix is further from going
 * live than one waiting for approval. So exit code 2 means "only approvals pending", and a pipeline that
 * accepts 2 never lets a page to fix through.
 */
const DECISION_RANK: Record<Decision, number> = { go: 0, approval: 1, fix: 2, blocked: 3 };

const DECISION_EXIT: Record<Decision, number> = {
  go: EXIT.go,
  fix: EXIT.fix,
  approval: EXIT.approval,
  blocked: EXIT.blocked
};

/** Everything a report needs: the pages in order, and what the run as a whole comes to. */
export interface Outcome {
  pages: PageResult[];
  /** The worst decision among the pages that could be checked; `go` when none could. */
  decision: Decision;
  exitCode: number;
  counts: Record<Decision, number>;
  errors: number;
  policyVersion: string;
  cwd: string;
  lang: Lang;
  messages: CliMessages;
}

export function summarise(
  pages: PageResult[],
  context: { policyVersion: string; cwd: string; lang: Lang; messages: CliMessages }
): Outcome {
  const counts: Record<Decision, number> = { go: 0, fix: 0, approval: 0, blocked: 0 };
  let worst: Decision = 'go';
  let errors = 0;
  for (const page of pages) {
    if (!page.ok) {
      errors++;
      continue;
    }
    const decision = page.evaluation.decision;
    counts[decision]++;
    if (DECISION_RANK[decision] > DECISION_RANK[worst]) worst = decision;
  }
  // A page that could not be read is not a page that passed: the run fails as invalid input.
  const exitCode = errors > 0 ? EXIT.usage : DECISION_EXIT[worst];
  return { pages, decision: worst, exitCode, counts, errors, ...context };
}

/** The path as a reader of the CI log knows it: relative to the working directory, with `/`. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return path;
  return rel.split(sep).join('/');
}

/** `form / field` when the finding names them, for one-line mentions. */
export function subjectOf(finding: Finding): string {
  return [finding.form, finding.field].filter((part) => part !== undefined).join(' / ');
}
