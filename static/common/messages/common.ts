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
  'common.error.NETWORK': 'Tandem could not be reached. Check your connection and try again.',
  'common.error.UNLICENSED': 'Tandem’s licence on this site is not active.',
  'common.unlicensed.title': 'Tandem needs an active licence on this site',
  'common.unlicensed.body':
    'Tandem’s subscription or trial on this site has ended, so Tandem shows nothing here and changes nothing.',
  'common.unlicensed.admin':
    'A site administrator can renew it under Administration → Apps → Manage apps. Tandem’s data stays in place: everything is back as it was once the licence is active again.',
  'common.unlicensed.validator':
    'Meanwhile Tandem’s workflow validators keep checking transitions: a page without an approval still cannot go live.'
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
  'common.error.NETWORK': 'Tandem est injoignable. Vérifiez votre connexion et réessayez.',
  'common.error.UNLICENSED': 'La licence de Tandem n’est pas active sur ce site.',
  'common.unlicensed.title': 'Tandem a besoin d’une licence active sur ce site',
  'common.unlicensed.body':
    'L’abonnement ou l’essai de Tandem sur ce site est terminé : Tandem n’affiche rien ici et ne modifie rien.',
  'common.unlicensed.admin':
    'Un administrateur du site peut le renouveler dans Administration → Applications → Gérer les applications. Les données de Tandem sont conservées : tout redevient comme avant dès que la licence est de nouveau active.',
  'common.unlicensed.validator':
    'En attendant, les validateurs de workflow de Tandem continuent de vérifier les transitions : une page sans approbation ne peut toujours pas être mise en ligne.'
};
