/**
 * Strings of the admin page's set-up tab (issue types, fields, projects, run status), in English
 * and French. Registered by static/admin-page (see ../i18n.ts); the English object is the source of
 * truth for keys and placeholders (the French one must match it).
 */

export const adminEn = {
  'admin.title': 'Tandem',
  'admin.subtitle': 'Shared issue types, fields and guardrails for marketing and IT',
  'admin.forbidden.title': 'Only Jira administrators can set up Tandem',
  'admin.forbidden.body':
    'Setting up changes issue types, fields and schemes for the whole site. Ask a Jira administrator to open this page.',
  'admin.loadError.title': 'The setup page could not load',

  'admin.intro.heading': 'What setting up does',
  'admin.intro.lead':
    'Tandem gives marketing and IT one shared language in Jira: the issue types and fields listed below. Installing the app changed nothing in your site. Setting up, which only happens when you ask for it:',
  'admin.intro.types':
    'creates the issue types as standard issue types. Jira also adds every new issue type to its default issue type scheme, so projects that use the default scheme will see them too;',
  'admin.intro.fields': 'creates the fields and adds them to Jira’s Default Screen;',
  'admin.intro.adopt':
    'adopts an issue type or field that already exists with the same name, in English or in French: it is never duplicated or renamed;',
  'admin.intro.projects':
    'adds the issue types to the issue type scheme of each company-managed project you pick below.',
  'admin.intro.teamManaged':
    'Team-managed projects have no issue type schemes and cannot receive the types this way.',
  'admin.intro.rerun': 'You can run it again at any time: it only adds what is missing.',

  'admin.catalogue.heading': 'Catalogue',
  'admin.catalogue.summary':
    '{created} created · {adopted} adopted · {toAdopt} to adopt · {missing} missing · {failed} failed',
  'admin.catalogue.types': 'Issue types',
  'admin.catalogue.fields': 'Fields',
  'admin.catalogue.empty': 'The catalogue is empty.',
  'admin.catalogue.col.english': 'English name',
  'admin.catalogue.col.french': 'French name',
  'admin.catalogue.col.purpose': 'What it is for',
  'admin.catalogue.col.scale': 'Scale or format',
  'admin.catalogue.col.state': 'In this site',
  'admin.catalogue.fieldsOfType': 'Fields: {list}',
  'admin.catalogue.typesOfField': 'Used on: {list}',
  'admin.catalogue.jiraName': 'In Jira as “{name}”',
  'admin.catalogue.reason': 'Reason: {reason}',
  'admin.catalogue.willAdopt': 'Already in Jira as “{name}”: the set-up adopts it and creates nothing',
  'admin.catalogue.deletedInJira': 'Deleted in Jira since it was set up: run the set-up again',

  'admin.state.created': 'Created',
  'admin.state.adopted': 'Adopted',
  'admin.state.missing': 'Missing',
  'admin.state.willAdopt': 'Exists · will be adopted',
  'admin.state.failed': 'Failed',

  'admin.setup.heading': 'Set up',
  'admin.language.legend': 'Language of the names',
  'admin.language.help':
    'Jira keeps one name per issue type and field. Created items are named in this language; adopted items keep the name they already have.',
  'admin.language.en': 'English',
  'admin.language.fr': 'Français',

  'admin.projects.legend': 'Projects that get the issue types',
  'admin.projects.help':
    'The issue types are added to the issue type scheme of each company-managed project you select.',
  'admin.projects.search': 'Search projects',
  'admin.projects.searchPlaceholder': 'Name or key',
  'admin.projects.companyManaged': 'Company-managed',
  'admin.projects.teamManaged': 'Team-managed',
  'admin.projects.teamManagedReason':
    'Team-managed project: it has no issue type scheme, so it cannot receive the types this way.',
  'admin.projects.noMatch': 'No project matches “{query}”.',
  'admin.projects.noProjects': 'No projects found.',
  'admin.projects.previous': 'Previous',
  'admin.projects.next': 'Next',
  'admin.projects.range': 'Projects {from}–{to}',
  'admin.projects.pagination': 'Project pages',
  'admin.projects.listLabel': 'Projects',
  'admin.projects.selectedNone': 'No project selected: the issue types will only join Jira’s default scheme.',
  'admin.projects.selectedOne': '1 project selected',
  'admin.projects.selectedMany': '{count} projects selected',
  'admin.projects.selectedLabel': 'Selected projects',
  'admin.projects.remove': 'Remove {name}',

  'admin.action.setup': 'Set up',
  'admin.action.retry': 'Retry',
  'admin.action.starting': 'Starting…',
  'admin.action.busy': 'A setup is in progress: wait for it to finish.',
  'admin.action.startFailed': 'The setup could not start',

  'admin.run.heading': 'Status',
  'admin.run.status.idle': 'Not run yet',
  'admin.run.status.queued': 'Queued',
  'admin.run.status.running': 'Running',
  'admin.run.status.waiting-retry': 'Waiting to retry',
  'admin.run.status.done': 'Done',
  'admin.run.status.failed': 'Failed',
  'admin.run.detail.idle':
    'Nothing has been set up yet. Choose the language and the projects, then select Set up.',
  'admin.run.detail.queued': 'The setup is queued and starts in a moment. This page updates by itself.',
  'admin.run.detail.running': 'Setting up. This page updates by itself.',
  'admin.run.detail.waitingRetry': 'Jira was not ready or asked Tandem to slow down. Next attempt at {time}.',
  'admin.run.detail.waitingRetryNoTime':
    'Jira was not ready or asked Tandem to slow down. Tandem will try again shortly.',
  'admin.run.detail.done': 'Finished on {time}.',
  'admin.run.detail.doneNoTime': 'Finished.',
  'admin.run.detail.failed': 'The setup stopped. Fix the cause below if you can, then select Retry.',
  'admin.run.lastError': 'Last error: {error}',
  'admin.run.requestedAt': 'Requested on {time}',
  'admin.run.language.en': 'Names in English',
  'admin.run.language.fr': 'Names in French',
  'admin.run.attempts': 'Attempts: {count}',
  'admin.run.projects': 'Projects of this run',
  'admin.run.noProjects': 'No project was selected for this run.',
  'admin.run.col.project': 'Project',
  'admin.run.col.result': 'Result',
  'admin.run.col.details': 'Details',
  'admin.run.refreshFailed': 'The status could not be refreshed: {message}',

  'admin.projectState.pending': 'Pending',
  'admin.projectState.done': 'Done',
  'admin.projectState.failed': 'Failed',
  'admin.projectState.not-applicable': 'Not applicable'
} as const;

export const adminFr: Record<keyof typeof adminEn, string> = {
  'admin.title': 'Tandem',
  'admin.subtitle': 'Types de tickets, champs et garde-fous partagés entre le marketing et l’IT',
  'admin.forbidden.title': 'Seuls les administrateurs Jira peuvent configurer Tandem',
  'admin.forbidden.body':
    'La mise en place modifie les types de tickets, les champs et les schémas de tout le site. Demandez à un administrateur Jira d’ouvrir cette page.',
  'admin.loadError.title': 'La page de configuration n’a pas pu se charger',

  'admin.intro.heading': 'Ce que fait la mise en place',
  'admin.intro.lead':
    'Tandem donne au marketing et à l’IT un langage commun dans Jira : les types de tickets et les champs listés ci-dessous. L’installation de l’app n’a rien changé sur votre site. La mise en place, qui n’a lieu que lorsque vous la demandez :',
  'admin.intro.types':
    'crée les types de tickets comme types standard. Jira ajoute aussi chaque nouveau type au schéma de types de tickets par défaut : les projets qui utilisent ce schéma les verront également ;',
  'admin.intro.fields': 'crée les champs et les ajoute à l’écran par défaut de Jira (Default Screen) ;',
  'admin.intro.adopt':
    'adopte un type ou un champ qui existe déjà sous le même nom, en anglais ou en français : il n’est jamais dupliqué ni renommé ;',
  'admin.intro.projects':
    'ajoute les types au schéma de types de tickets de chaque projet géré par l’entreprise que vous choisissez ci-dessous.',
  'admin.intro.teamManaged':
    'Les projets gérés par l’équipe n’ont pas de schéma de types de tickets et ne peuvent pas recevoir les types de cette façon.',
  'admin.intro.rerun': 'Vous pouvez la relancer à tout moment : elle n’ajoute que ce qui manque.',

  'admin.catalogue.heading': 'Catalogue',
  'admin.catalogue.summary':
    '{created} créés · {adopted} adoptés · {toAdopt} à adopter · {missing} absents · {failed} en échec',
  'admin.catalogue.types': 'Types de tickets',
  'admin.catalogue.fields': 'Champs',
  'admin.catalogue.empty': 'Le catalogue est vide.',
  'admin.catalogue.col.english': 'Nom anglais',
  'admin.catalogue.col.french': 'Nom français',
  'admin.catalogue.col.purpose': 'À quoi il sert',
  'admin.catalogue.col.scale': 'Échelle ou format',
  'admin.catalogue.col.state': 'Sur ce site',
  'admin.catalogue.fieldsOfType': 'Champs : {list}',
  'admin.catalogue.typesOfField': 'Utilisé sur : {list}',
  'admin.catalogue.jiraName': 'Dans Jira sous le nom « {name} »',
  'admin.catalogue.reason': 'Raison : {reason}',
  'admin.catalogue.willAdopt':
    'Déjà dans Jira sous le nom « {name} » : la configuration l’adopte et ne crée rien',
  'admin.catalogue.deletedInJira': 'Supprimé dans Jira depuis la configuration : relancez la configuration',

  'admin.state.created': 'Créé',
  'admin.state.adopted': 'Adopté',
  'admin.state.missing': 'Absent',
  'admin.state.willAdopt': 'Existe · sera adopté',
  'admin.state.failed': 'Échec',

  'admin.setup.heading': 'Mise en place',
  'admin.language.legend': 'Langue des noms',
  'admin.language.help':
    'Jira garde un seul nom par type de ticket et par champ. Les éléments créés sont nommés dans cette langue ; les éléments adoptés gardent leur nom actuel.',
  'admin.language.en': 'English',
  'admin.language.fr': 'Français',

  'admin.projects.legend': 'Projets qui reçoivent les types de tickets',
  'admin.projects.help':
    'Les types sont ajoutés au schéma de types de tickets de chaque projet géré par l’entreprise que vous sélectionnez.',
  'admin.projects.search': 'Rechercher des projets',
  'admin.projects.searchPlaceholder': 'Nom ou clé',
  'admin.projects.companyManaged': 'Géré par l’entreprise',
  'admin.projects.teamManaged': 'Géré par l’équipe',
  'admin.projects.teamManagedReason':
    'Projet géré par l’équipe : il n’a pas de schéma de types de tickets et ne peut donc pas recevoir les types de cette façon.',
  'admin.projects.noMatch': 'Aucun projet ne correspond à « {query} ».',
  'admin.projects.noProjects': 'Aucun projet trouvé.',
  'admin.projects.previous': 'Précédent',
  'admin.projects.next': 'Suivant',
  'admin.projects.range': 'Projets {from} à {to}',
  'admin.projects.pagination': 'Pages de projets',
  'admin.projects.listLabel': 'Projets',
  'admin.projects.selectedNone':
    'Aucun projet sélectionné : les types rejoindront seulement le schéma par défaut de Jira.',
  'admin.projects.selectedOne': '1 projet sélectionné',
  'admin.projects.selectedMany': '{count} projets sélectionnés',
  'admin.projects.selectedLabel': 'Projets sélectionnés',
  'admin.projects.remove': 'Retirer {name}',

  'admin.action.setup': 'Mettre en place',
  'admin.action.retry': 'Relancer',
  'admin.action.starting': 'Démarrage…',
  'admin.action.busy': 'Une mise en place est en cours : attendez qu’elle se termine.',
  'admin.action.startFailed': 'La mise en place n’a pas pu démarrer',

  'admin.run.heading': 'État',
  'admin.run.status.idle': 'Jamais lancée',
  'admin.run.status.queued': 'En file d’attente',
  'admin.run.status.running': 'En cours',
  'admin.run.status.waiting-retry': 'Nouvel essai prévu',
  'admin.run.status.done': 'Terminée',
  'admin.run.status.failed': 'Échec',
  'admin.run.detail.idle':
    'Rien n’a encore été mis en place. Choisissez la langue et les projets, puis sélectionnez Mettre en place.',
  'admin.run.detail.queued':
    'La mise en place est en file d’attente et démarre dans un instant. Cette page se met à jour toute seule.',
  'admin.run.detail.running': 'Mise en place en cours. Cette page se met à jour toute seule.',
  'admin.run.detail.waitingRetry':
    'Jira n’était pas prêt ou a demandé à Tandem de ralentir. Prochain essai à {time}.',
  'admin.run.detail.waitingRetryNoTime':
    'Jira n’était pas prêt ou a demandé à Tandem de ralentir. Tandem réessaiera sous peu.',
  'admin.run.detail.done': 'Terminée le {time}.',
  'admin.run.detail.doneNoTime': 'Terminée.',
  'admin.run.detail.failed':
    'La mise en place s’est arrêtée. Corrigez la cause ci-dessous si vous le pouvez, puis sélectionnez Relancer.',
  'admin.run.lastError': 'Dernière erreur : {error}',
  'admin.run.requestedAt': 'Demandée le {time}',
  'admin.run.language.en': 'Noms en anglais',
  'admin.run.language.fr': 'Noms en français',
  'admin.run.attempts': 'Tentatives : {count}',
  'admin.run.projects': 'Projets de cette exécution',
  'admin.run.noProjects': 'Aucun projet n’a été sélectionné pour cette exécution.',
  'admin.run.col.project': 'Projet',
  'admin.run.col.result': 'Résultat',
  'admin.run.col.details': 'Détails',
  'admin.run.refreshFailed': 'L’état n’a pas pu être actualisé : {message}',

  'admin.projectState.pending': 'En attente',
  'admin.projectState.done': 'Fait',
  'admin.projectState.failed': 'Échec',
  'admin.projectState.not-applicable': 'Non applicable'
};
