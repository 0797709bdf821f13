import type { Language as Lang } from '../../contract/language';
import { FIELDS, ISSUE_TYPES } from '../../issue-types/domain/catalogue';
import { ItemRecordSchema, KEYS as PROVISIONING_KEYS } from '../../issue-types/records';
import { PlatformError } from '../../platform/errors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../platform/http';
import { defaultCapacityDeps, siteLanguage, type CapacityEnforcementDeps } from './deps';

/**
 * The experiments gate (`jira:workflowValidator` on the transition into the Experiment's
 * in-progress status): an Experiment may not start without a hypothesis, a success metric and a
 * stop date. The fields are the ones provisioning created or adopted (ids in its records), else
 * found by their catalogue names. Other issue types pass. It fails closed: any error, or running
 * out of its time budget, blocks the transition with a message saying why, in the language the
 * administrator chose at set-up.
 */

export const GATE_FIELD_KEYS = ['hypothesis', 'success-metric', 'stop-date'] as const;
type GateFieldKey = (typeof GATE_FIELD_KEYS)[number];

export interface GateArgs {
  issue?: { key?: unknown; id?: unknown };
  transition?: unknown;
  configuration?: unknown;
  context?: unknown;
}

export interface GateAnswer {
  result: boolean;
  errorMessage?: string;
}

export interface GateOptions {
  /** Answer by then whatever happens: Forge gives validators 25 s. */
  budgetMs: number;
  retry: RetryPolicy;
}

export const GATE_RETRY: RetryPolicy = {
  ...DEFAULT_RETRY_POLICY,
  maxAttempts: 2,
  timeoutMs: 3000,
  maxRetryAfterMs: 1000,
  maxDelayMs: 500
};

export const DEFAULT_GATE_OPTIONS: GateOptions = { budgetMs: 8000, retry: GATE_RETRY };

const normalise = (name: string): string => name.normalize('NFC').replace(/[’‘]/g, "'").trim().toLowerCase();

const EXPERIMENT = ISSUE_TYPES.find((type) => type.key === 'experiment');
const EXPERIMENT_NAMES: ReadonlySet<string> = new Set(
  EXPERIMENT ? [EXPERIMENT.names.en, EXPERIMENT.names.fr].map(normalise) : []
);

function specOf(key: GateFieldKey): (typeof FIELDS)[number] {
  const spec = FIELDS.find((field) => field.key === key);
  if (!spec) throw new Error(`catalogue has no field ${key}`);
  return spec;
}

class BudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`no answer within ${budgetMs} ms`);
  }
}

interface GateField {
  key: GateFieldKey;
  id: string | null;
  /** The name people see on the site (what provisioning recorded), else the catalogue's. */
  name: string | null;
}

/** Whether a field value says something: text with non-blank content (plain or ADF), a date. */
export function isFilled(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (typeof value === 'number') return true;
  if (Array.isArray(value)) return value.some(isFilled);
  if (typeof value === 'object') {
    const node = value as { type?: unknown; text?: unknown; content?: unknown; value?: unknown };
    if (typeof node.text === 'string') return node.text.trim().length > 0;
    if (node.type === 'doc' || Array.isArray(node.content)) return isFilled(node.content ?? []);
    if (node.value !== undefined) return isFilled(node.value);
  }
  return false;
}

async function gateFields(deps: CapacityEnforcementDeps, options: GateOptions): Promise<GateField[]> {
  const records = await Promise.all(
    GATE_FIELD_KEYS.map((key) => deps.store.get(PROVISIONING_KEYS.item('field', key), ItemRecordSchema))
  );
  const fields: GateField[] = GATE_FIELD_KEYS.map((key, i) => {
    const record = records[i];
    const usable = record?.jiraId && (record.state === 'created' || record.state === 'adopted');
    return {
      key,
      id: usable ? (record.jiraId ?? null) : null,
      name: usable ? (record.jiraName ?? null) : null
    };
  });
  if (fields.every((field) => field.id !== null)) return fields;
  // Not provisioned (or a record lost): look the fields up by their names in either language.
  const siteFields = await deps.sharedJira(options.retry).listFields();
  return fields.map((field) => {
    if (field.id !== null) return field;
    const spec = specOf(field.key);
    const names = new Set(
      [spec.names.en, spec.names.fr, spec.fallbackNames.en, spec.fallbackNames.fr].map(normalise)
    );
    const found = siteFields.find(
      (candidate) => candidate.custom !== false && names.has(normalise(candidate.name))
    );
    return found ? { ...field, id: found.id, name: found.name } : field;
  });
}

function joinList(values: ReadonlyArray<string>, lang: Lang): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')}${lang === 'fr' ? ' et ' : ' and '}${values[values.length - 1]}`;
}

function quoted(name: string, lang: Lang): string {
  return lang === 'fr' ? `« ${name} »` : `“${name}”`;
}

export function missingFieldsMessage(names: ReadonlyArray<string>, lang: Lang): string {
  const list = joinList(
    names.map((name) => quoted(name, lang)),
    lang
  );
  return lang === 'fr'
    ? `Cette expérimentation ne peut pas démarrer : renseignez ${list}, puis réessayez.`
    : `This experiment cannot start: fill in ${list}, then try again.`;
}

function failureReason(error: unknown, lang: Lang): string {
  const fr = lang === 'fr';
  if (error instanceof BudgetExceeded) {
    const seconds = Math.round(error.budgetMs / 100) / 10;
    return fr ? `pas de réponse en ${seconds} s` : `no answer within ${seconds} s`;
  }
  if (error instanceof PlatformError) {
    if (error.kind === 'rate-limited')
      return fr ? 'Jira a répondu 429 : trop de requêtes' : 'Jira answered 429: too many requests';
    if (error.kind === 'timeout') return fr ? 'Jira ne répond pas à temps' : 'Jira did not answer in time';
    if (error.details.status !== undefined)
      return fr ? `Jira a répondu ${error.details.status}` : `Jira answered ${error.details.status}`;
    if (error.message.startsWith('Storage'))
      return fr ? 'le stockage de Tandem est indisponible' : "Tandem's storage is unavailable";
  }
  return fr ? 'erreur interne' : 'internal error';
}

function failClosed(error: unknown, lang: Lang): GateAnswer {
  const reason = failureReason(error, lang);
  return {
    result: false,
    errorMessage:
      lang === 'fr'
        ? `Tandem n'a pas pu vérifier cette expérimentation (${reason}) ; la transition est bloquée. Réessayez dans une minute.`
        : `Tandem could not check this experiment (${reason}); the transition was blocked. Try again in a minute.`
  };
}

async function isExperiment(
  deps: CapacityEnforcementDeps,
  type: { id?: unknown; name?: unknown } | undefined
): Promise<boolean> {
  if (!type) return false;
  if (typeof type.name === 'string' && EXPERIMENT_NAMES.has(normalise(type.name))) return true;
  const record = await deps.store.get(PROVISIONING_KEYS.item('issueType', 'experiment'), ItemRecordSchema);
  return (
    typeof type.id === 'string' &&
    record?.jiraId === type.id &&
    (record.state === 'created' || record.state === 'adopted')
  );
}

async function decide(
  deps: CapacityEnforcementDeps,
  options: GateOptions,
  args: GateArgs,
  language: Promise<Lang>
): Promise<GateAnswer> {
  const ref = args.issue?.key ?? args.issue?.id;
  if (typeof ref !== 'string' && typeof ref !== 'number')
    throw new Error('No issue in the validator arguments');
  const fields = await gateFields(deps, options);
  const known = fields.flatMap((field) => (field.id ? [field.id] : []));
  const [issue, lang] = await Promise.all([
    deps.jira(options.retry).issueFields(String(ref), known),
    language
  ]);
  if (!(await isExperiment(deps, issue.fields.issuetype as { id?: unknown; name?: unknown } | undefined)))
    return { result: true };
  // A field the site does not have cannot be filled in: it is missing too.
  const missing = fields.filter((field) => field.id === null || !isFilled(issue.fields[field.id]));
  if (missing.length === 0) return { result: true };
  const names = missing.map((field) => field.name ?? specOf(field.key).names[lang]);
  return { result: false, errorMessage: missingFieldsMessage(names, lang) };
}

export function createExperimentsGate(
  deps: CapacityEnforcementDeps = defaultCapacityDeps,
  options: GateOptions = DEFAULT_GATE_OPTIONS
): (args: GateArgs) => Promise<GateAnswer> {
  return async (args) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const budget = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BudgetExceeded(options.budgetMs)), options.budgetMs);
    });
    let lang: Lang = 'en';
    const language = siteLanguage(deps.store).then((found) => (lang = found));
    const work = decide(deps, options, args ?? {}, language);
    // The losing side of the race must not surface as an unhandled rejection later.
    work.catch(() => undefined);
    try {
      return await Promise.race([work, budget]);
    } catch (error) {
      deps.log('experiments gate blocked a transition on an error', error);
      return failClosed(error, lang);
    } finally {
      clearTimeout(timer);
    }
  };
}
