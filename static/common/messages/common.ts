/**
 * Strings every surface uses (loading, retry, the error sentences), in English and French. Each
 * surface registers them with its own (see ../i18n.ts); the English object is the source of truth
 * for keys and placeholders (the French one must match it).
 */

export const commonEn = {
  'common.loading': 'Loading…',
  'common.tryAgain': 'Try again',
  'common.none': 'None',
  'common.error.FORBIDDEN': 'You don’t have permission to do this.',
  'common.error.INVALID_INPUT': 'Tandem could not accept this request. Check what you entered and try again.',
  'common.error.INVALID_INPUT_FIELD': 'Tandem could not accept this request: check “{field}” and try again.',
  'common.error.NOT_FOUND': 'What you asked for no longer exists. Reload the page.',
  'common.error.CONFLICT': 'Someone else changed this at the same time. Reload the page and try again.',
  'common.error.RATE_LIMITED': 'Jira is busy right now. Wait a minute and try again.',
  'common.error.UPSTREAM': 'Jira did not answer as expected. Try again in a moment.',
  'common.error.INTERNAL':
    'Something went wrong in Tandem. Try again; if it keeps happening, tell your Jira administrator.',
  'common.error.NETWORK': 'Tandem could not be reached. Check your connection and try again.'
} as const;

export const commonFr: Record<keyof typeof commonEn, string> = {
  'common.loading': 'Chargement…',
  'common.tryAgain': 'Réessayer',
  'common.none': 'Aucun',
  'common.error.FORBIDDEN': 'Vous n’avez pas l’autorisation de faire cela.',
  'common.error.INVALID_INPUT':
    'Tandem n’a pas pu accepter cette demande. Vérifiez ce que vous avez saisi et réessayez.',
  'common.error.INVALID_INPUT_FIELD':
    'Tandem n’a pas pu accepter cette demande : vérifiez « {field} » et réessayez.',
  'common.error.NOT_FOUND': 'L’élément demandé n’existe plus. Rechargez la page.',
  'common.error.CONFLICT':
    'Quelqu’un d’autre a modifié cet élément au même moment. Rechargez la page et réessayez.',
  'common.error.RATE_LIMITED': 'Jira est très sollicité en ce moment. Patientez une minute et réessayez.',
  'common.error.UPSTREAM': 'Jira n’a pas répondu comme prévu. Réessayez dans un instant.',
  'common.error.INTERNAL':
    'Un problème est survenu dans Tandem. Réessayez ; si cela se reproduit, prévenez votre administrateur Jira.',
  'common.error.NETWORK': 'Tandem est injoignable. Vérifiez votre connexion et réessayez.'
};
