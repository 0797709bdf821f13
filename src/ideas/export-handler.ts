import { paragraph, doc, text } from '@atlaskit/adf-utils/builders';
import { licenceStatus, mayRun } from '../platform/licence';
import { macroInstanceFrom } from '../platform/macro';
import { forgeStore } from '../platform/store';
import { backlogExport, type AdfDocument } from './domain/export';
import { callerOf } from './resolver';
import { exportIdeas, ideasDeps } from './service';

/**
 * The macro's adfExport function (docs/architecture.md, "Confluence macros"): Confluence calls it
 * with the macro's context when the page is exported (PDF, Word, …) and puts the returned ADF in
 * place of the iframe. The backlog is read as the exporting user, so the export shows exactly the
 * ideas that user sees in the macro; without a signed-in user it exports a note instead of reading
 * Jira as the app, which could show ideas some readers of the export may not browse.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The export event carries the macro's context under `context`, or Forge passes it second. */
function contextOf(event: unknown, context: unknown): Record<string, unknown> {
  if (isRecord(event) && isRecord(event.context) && isRecord(event.context.extension)) return event.context;
  if (isRecord(context) && isRecord(context.extension)) return context;
  if (isRecord(event) && isRecord(event.extension)) return event;
  return isRecord(event) && isRecord(event.context) ? event.context : {};
}

function accountOf(ctx: Record<string, unknown>, context: unknown): string | null {
  if (typeof ctx.accountId === 'string' && ctx.accountId) return ctx.accountId;
  const principal = isRecord(context) && isRecord(context.principal) ? context.principal : null;
  return principal && typeof principal.accountId === 'string' ? principal.accountId : null;
}

const note = (message: string): AdfDocument => doc(paragraph(text(message)));

export async function exportBacklog(event: unknown, context?: unknown): Promise<AdfDocument> {
  const ctx = contextOf(event, context);
  const lang = typeof ctx.locale === 'string' && ctx.locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  const license = isRecord(context) && 'license' in context ? context.license : ctx.license;
  if (!mayRun(licenceStatus(license)))
    return note(
      lang === 'fr'
        ? 'Backlog d’idées Tandem\u202f: la licence de Tandem n’est pas active sur ce site.'
        : 'Tandem idea backlog: Tandem’s licence is not active on this site.'
    );
  const instance = macroInstanceFrom(ctx);
  const accountId = accountOf(ctx, context);
  if (!accountId)
    return note(
      lang === 'fr'
        ? 'Backlog d’idées Tandem\u202f: ouvrez la page dans Confluence pour le voir.'
        : 'Tandem idea backlog: open the page in Confluence to see it.'
    );
  try {
    const caller = callerOf({ ...ctx, accountId });
    const data = await exportIdeas(ideasDeps(forgeStore), instance, caller);
    if (!data)
      return note(
        lang === 'fr'
          ? 'Backlog d’idées Tandem\u202f: pas encore configuré.'
          : 'Tandem idea backlog: not set up yet.'
      );
    return backlogExport({
      projectName: data.projectName,
      model: data.config.model,
      cadenceDays: data.config.cadenceDays,
      ideas: data.ideas,
      lang,
      today: data.today
    });
  } catch (error) {
    console.warn('idea backlog export failed', error instanceof Error ? error.message : error);
    return note(
      lang === 'fr'
        ? 'Backlog d’idées Tandem\u202f: l’export n’a pas pu lire le backlog (droits ou Jira indisponible).'
        : 'Tandem idea backlog: the export could not read the backlog (permissions, or Jira unavailable).'
    );
  }
}
