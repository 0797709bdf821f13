import fs from 'node:fs';
import path from 'node:path';
import { STATUSES } from './backend/catalog';
import type { Site } from './backend/site';
import type { IssueDoc, PageDoc, Principal, ProjectDoc, SpaceDoc, UserDoc } from './backend/types';
import type { PreviewMeta } from './demo/load';
import { adfToHtml, html, Html, jsonBlock, PREVIEW_PREFIX as PREFIX } from './html';
import type { Locator, LocationRef, Resolved } from './locations';
import { placementsOf } from './macros';
import { HttpProblem } from './respond';
import type { LicenceState } from './runtime';
import type { Session } from './sessions';
import { surfaceTitle, type ManifestInfo, type Surface } from './surfaces';

/**
 * The host pages: the preview's index and the Jira / Confluence chrome around each surface.
 * Server-rendered with escaping templates (seed data is user data); the only script is
 * host/host.js, which reads the data block and creates the frames.
 */

const TEXT = {
  en: {
    previewTitle: 'Tandem — local preview',
    surfaces: 'Surfaces',
    intro:
      'Each surface runs the production build from static/ in a sandboxed frame with Forge’s default content security policy. Calls to the app’s resolvers run the real code from src/ as the person chosen here, against the embedded Jira and Confluence.',
    who: 'Acting as',
    language: 'Language',
    theme: 'Theme',
    light: 'Light',
    dark: 'Dark',
    licence: 'Licence',
    licenceActive: 'Licensed',
    licenceTrial: 'Trial',
    licenceInactive: 'Unlicensed',
    licenceNone: 'No licence sent',
    jira: 'Jira',
    confluence: 'Confluence',
    adminPage: 'Jira admin page',
    projectPage: 'Project page',
    issuePanel: 'Issue panel',
    macro: 'Confluence macro',
    globalPage: 'Global page',
    spacePage: 'Space page',
    other: 'Other module',
    open: 'Open',
    noSurface: 'manifest.yml declares no Custom UI surface yet.',
    people: 'People in the demo',
    groups: 'Groups',
    dataDir: 'Data folder',
    apps: 'Apps',
    settings: 'Settings',
    jiraSettings: 'Jira settings',
    system: 'System',
    products: 'Products',
    projects: 'Projects',
    issues: 'Issues',
    manageApps: 'Manage apps',
    yourWork: 'Your work',
    filters: 'Filters',
    dashboards: 'Dashboards',
    search: 'Search',
    spaces: 'Spaces',
    board: 'Board',
    backlog: 'Backlog',
    pages: 'Pages',
    adminOnlyNote:
      'In Jira only administrators reach this page. The preview shows it to everyone so you can see the app refuse on its own.',
    noAccess: 'You don’t have access to this page',
    noAccessBody: 'Ask an administrator for access, or switch to someone who has it.',
    notFound: 'We can’t find that',
    status: 'Status',
    assignee: 'Assignee',
    reporter: 'Reporter',
    unassigned: 'Unassigned',
    description: 'Description',
    details: 'Details',
    createdBy: 'Created by',
    macroSettings: 'Macro settings',
    editMacroSettings: 'Edit macro settings',
    missingBuild: 'This surface has not been built: run npm run build (npm start does it for you).',
    backToIndex: 'All surfaces',
    sessionFailed: 'Could not switch',
    dismiss: 'Dismiss',
    navigationLogged: 'Navigation requested (logged to the console)',
    submitted: 'Configuration submitted',
    transitions: 'Transitions',
    changeStatus: 'Change status',
    noTransitions: 'No transition available',
    transitionBlocked: 'The transition was blocked',
    transitionFailed: 'The transition failed',
    transitioned: 'Status changed to {status}',
    issueSearch: 'Search issues',
    jqlLabel: 'JQL',
    runSearch: 'Search',
    tandemQueues: 'Tandem queues (issue property aliases)',
    queueRequested: 'Waiting for approval',
    queueApproval: 'Need approval',
    queueFix: 'Pages to fix',
    queueBlocked: 'Blocked pages',
    jqlRefused: 'Jira refused the query',
    noResults: 'No issue matches this query.',
    resultCount: 'Issues found: {count}',
    key: 'Key',
    summary: 'Summary',
    type: 'Type'
  },
  fr: {
    previewTitle: 'Tandem — aperçu local',
    surfaces: 'Surfaces',
    intro:
      'Chaque surface exécute le build de production de static/ dans un cadre isolé, avec la politique de sécurité de contenu par défaut de Forge. Les appels aux résolveurs exécutent le vrai code de src/ au nom de la personne choisie ici, sur le Jira et le Confluence embarqués.',
    who: 'En tant que',
    language: 'Langue',
    theme: 'Thème',
    light: 'Clair',
    dark: 'Sombre',
    licence: 'Licence',
    licenceActive: 'Sous licence',
    licenceTrial: 'Essai',
    licenceInactive: 'Sans licence',
    licenceNone: 'Aucune licence transmise',
    jira: 'Jira',
    confluence: 'Confluence',
    adminPage: "Page d'administration Jira",
    projectPage: 'Page de projet',
    issuePanel: 'Panneau de ticket',
    macro: 'Macro Confluence',
    globalPage: 'Page globale',
    spacePage: "Page d'espace",
    other: 'Autre module',
    open: 'Ouvrir',
    noSurface: 'manifest.yml ne déclare encore aucune surface Custom UI.',
    people: 'Les personnes de la démo',
    groups: 'Groupes',
    dataDir: 'Dossier de données',
    apps: 'Applications',
    settings: 'Paramètres',
    jiraSettings: 'Paramètres Jira',
    system: 'Système',
    products: 'Produits',
    projects: 'Projets',
    issues: 'Tickets',
    manageApps: 'Gérer les applications',
    yourWork: 'Votre travail',
    filters: 'Filtres',
    dashboards: 'Tableaux de bord',
    search: 'Rechercher',
    spaces: 'Espaces',
    board: 'Tableau',
    backlog: 'Backlog',
    pages: 'Pages',
    adminOnlyNote:
      "Dans Jira, seuls les administrateurs atteignent cette page. L'aperçu la montre à tous pour que vous voyiez l'app refuser d'elle-même.",
    noAccess: "Vous n'avez pas accès à cette page",
    noAccessBody: "Demandez l'accès à un administrateur, ou choisissez quelqu'un qui l'a.",
    notFound: 'Introuvable',
    status: 'État',
    assignee: 'Responsable',
    reporter: 'Rapporteur',
    unassigned: 'Non assigné',
    description: 'Description',
    details: 'Détails',
    createdBy: 'Créée par',
    macroSettings: 'Paramètres de la macro',
    editMacroSettings: 'Modifier les paramètres de la macro',
    missingBuild:
      "Cette surface n'a pas été construite : lancez npm run build (npm start le fait pour vous).",
    backToIndex: 'Toutes les surfaces',
    sessionFailed: 'Changement impossible',
    dismiss: 'Fermer',
    navigationLogged: 'Navigation demandée (consignée dans la console)',
    submitted: 'Configuration envoyée',
    transitions: 'Transitions',
    changeStatus: 'Changer l’état',
    noTransitions: 'Aucune transition possible',
    transitionBlocked: 'La transition a été bloquée',
    transitionFailed: 'La transition a échoué',
    transitioned: 'État changé en {status}',
    issueSearch: 'Rechercher des tickets',
    jqlLabel: 'JQL',
    runSearch: 'Rechercher',
    tandemQueues: 'Files Tandem (alias des propriétés de ticket)',
    queueRequested: 'En attente d’approbation',
    queueApproval: 'À faire approuver',
    queueFix: 'Pages à corriger',
    queueBlocked: 'Pages bloquées',
    jqlRefused: 'Jira a refusé la requête',
    noResults: 'Aucun ticket ne correspond à cette requête.',
    resultCount: 'Tickets trouvés : {count}',
    key: 'Clé',
    summary: 'Résumé',
    type: 'Type'
  }
} as const;

type TextKey = keyof (typeof TEXT)['en'];

/** The licence switch's choices (what `forge install --license` can set, plus no licence at all). */
const LICENCE_OPTIONS: readonly [LicenceState, TextKey][] = [
  ['active', 'licenceActive'],
  ['trial', 'licenceTrial'],
  ['inactive', 'licenceInactive'],
  ['none', 'licenceNone']
];

// ---- data folder and seed ------------------------------------------------------------------------

export interface PageDeps {
  site: Site;
  meta: PreviewMeta;
  manifest: ManifestInfo;
  dataDir: string;
  locator: Locator;
  /** Port of the frames' origin: host.js loads each frame from the page's host name on it. */
  framePort: () => number;
}

export interface HostPages {
  indexPage: (session: Session) => string;
  adminPage: (session: Session, s: Surface) => string;
  projectPage: (session: Session, s: Surface, projectKey: string) => string;
  issuePage: (session: Session, issueKey: string) => string;
  confluencePage: (
    session: Session,
    pageId: string,
    macroKey: string | undefined,
    configure?: string
  ) => string;
  genericPage: (session: Session, s: Surface, loc: LocationRef) => string;
  searchPage: (session: Session, jql: string, result: IssueSearchResult) => string;
}

/** What the issue search page shows: Jira's answer to the JQL, as the session's user. */
export type IssueSearchResult =
  | { ok: true; issues: { key: string; summary: string; type: string; status: string }[] }
  | { ok: false; messages: string[] };

/** The JQL queues the guardrail's issue property aliases make possible (see manifest.yml). */
export const TANDEM_QUEUES: {
  label: 'queueRequested' | 'queueApproval' | 'queueFix' | 'queueBlocked';
  jql: string;
}[] = [
  { label: 'queueRequested', jql: 'tandemApproval = requested ORDER BY updated DESC' },
  { label: 'queueApproval', jql: 'tandemDecision = approval ORDER BY updated DESC' },
  { label: 'queueFix', jql: 'tandemDecision = fix ORDER BY updated DESC' },
  { label: 'queueBlocked', jql: 'tandemDecision = blocked ORDER BY updated DESC' }
];

export function createPages({ site, meta, manifest, dataDir, locator, framePort }: PageDeps): HostPages {
  const { resolveLocation, forgeContext } = locator;
  const t = (session: Session, key: TextKey): string => TEXT[session.locale][key];
  const userName = (id: string | undefined): string => (id ? (site.user(id)?.displayName ?? id) : '');
  const groupsOf = (accountId: string): string[] => site.groupsOf(accountId).map((g) => g.name);

  function switcher(session: Session, compact = false): Html {
    const people = meta.personas
      .map((p) => ({ ...p, user: site.user(p.accountId) }))
      .filter((p): p is typeof p & { user: UserDoc } => !!p.user);
    return html`<form
      id="tandem-switcher"
      class="switcher${compact ? ' compact' : ''}"
      aria-label="Preview identity"
    >
      <label for="switch-user">${t(session, 'who')}</label>
      <select id="switch-user" name="accountId">
        ${people.map(
          (p) =>
            html`<option
              value="${p.accountId}"
              data-role="${p.role}"
              ${p.accountId === session.accountId ? html` selected` : ''}
            >
              ${p.label[session.locale]}
            </option>`
        )}
      </select>
      <label for="switch-locale">${t(session, 'language')}</label>
      <select id="switch-locale" name="locale">
        <option value="en" ${session.locale === 'en' ? html` selected` : ''}>English</option>
        <option value="fr" ${session.locale === 'fr' ? html` selected` : ''}>Français</option>
      </select>
      <label for="switch-theme">${t(session, 'theme')}</label>
      <select id="switch-theme" name="theme">
        <option value="light" ${session.theme === 'light' ? html` selected` : ''}>
          ${t(session, 'light')}
        </option>
        <option value="dark" ${session.theme === 'dark' ? html` selected` : ''}>${t(session, 'dark')}</option>
      </select>
      <label for="switch-license">${t(session, 'licence')}</label>
      <select id="switch-license" name="license">
        ${LICENCE_OPTIONS.map(
          ([value, key]) =>
            html`<option value="${value}" ${session.license === value ? html` selected` : ''}>
              ${t(session, key)}
            </option>`
        )}
      </select>
    </form>`;
  }

  interface FrameSpec {
    slotId: string;
    moduleKey: string;
    kind: string;
    title: string;
    src: string;
    context: Record<string, unknown>;
    location: LocationRef;
  }

  function hostDocument(
    session: Session,
    title: string,
    body: Html,
    frames: FrameSpec[] = [],
    bodyClass = ''
  ): string {
    const data = {
      theme: session.theme,
      framePort: framePort(),
      locale: session.locale,
      frames,
      text: {
        sessionFailed: t(session, 'sessionFailed'),
        dismiss: t(session, 'dismiss'),
        navigationLogged: t(session, 'navigationLogged'),
        submitted: t(session, 'submitted'),
        noTransitions: t(session, 'noTransitions'),
        transitionBlocked: t(session, 'transitionBlocked'),
        transitionFailed: t(session, 'transitionFailed'),
        transitioned: t(session, 'transitioned')
      }
    };
    return `<!doctype html>${
      html`<html
        lang="${session.locale}"
        data-color-mode="${session.theme}"
        data-theme="dark:dark light:light motion:motion shape:shape spacing:spacing typography:typography"
      >
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${title}</title>
          <link rel="icon" href="${PREFIX}/host/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="${PREFIX}/tokens.css" />
          <link rel="stylesheet" href="${PREFIX}/host/host.css" />
          <script type="application/json" id="tandem-host-data">
            ${new Html(jsonBlock(data))}
          </script>
          <script src="${PREFIX}/host/host.js" defer></script>
        </head>
        <body class="${bodyClass}">
          ${body}
          <div id="tandem-flags" class="flags" aria-live="polite"></div>
        </body>
      </html>`.value
    }`;
  }

  const surfaceKindLabel = (session: Session, s: Surface): string =>
    t(
      session,
      (
        {
          admin: 'adminPage',
          project: 'projectPage',
          issue: 'issuePanel',
          macro: 'macro',
          global: 'globalPage',
          space: 'spacePage',
          other: 'other'
        } as const
      )[s.kind]
    );

  function visibleProjects(principal: Principal): ProjectDoc[] {
    return site.docs
      .all<ProjectDoc>('projects')
      .filter((p) => site.canBrowse(principal, p))
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  function visiblePages(principal: Principal): PageDoc[] {
    return site.docs
      .all<PageDoc>('pages')
      .filter((p) => site.canViewPage(principal, p))
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  function surfaceLinks(session: Session, s: Surface): { href: string; label: string }[] {
    const principal: Principal = { kind: 'user', accountId: session.accountId };
    const key = encodeURIComponent(s.moduleKey);
    switch (s.kind) {
      case 'admin':
        return [{ href: `/jira/settings/apps/${key}`, label: t(session, 'open') }];
      case 'project':
        return visibleProjects(principal).map((p) => ({
          href: `/jira/projects/${p.key}/apps/${key}`,
          label: `${p.name} (${p.key})`
        }));
      case 'issue': {
        const out: { href: string; label: string }[] = [];
        for (const project of visibleProjects(principal)) {
          const issues = site.docs
            .peekAll<IssueDoc>('issues')
            .filter((i) => i.projectId === project.id)
            .sort((a, b) => Number(a.key.split('-')[1]) - Number(b.key.split('-')[1]))
            .slice(0, 2);
          for (const i of issues)
            out.push({ href: `/jira/browse/${i.key}`, label: `${i.key} — ${i.summary}` });
        }
        return out;
      }
      case 'macro':
        return visiblePages(principal).map((p) => ({
          href: `/wiki/pages/${p.id}?macro=${key}`,
          label: p.title
        }));
      case 'space':
        return site.docs
          .all<SpaceDoc>('spaces')
          .map((sp) => ({ href: `/wiki/spaces/${sp.key}/apps/${key}`, label: sp.name }));
      default:
        return [{ href: `/surface/${key}`, label: t(session, 'open') }];
    }
  }

  function indexPage(session: Session): string {
    const jira = manifest.surfaces.filter(
      (s) => !s.moduleType.startsWith('confluence') && s.kind !== 'macro'
    );
    const confluence = manifest.surfaces.filter(
      (s) => s.moduleType.startsWith('confluence') || s.kind === 'macro'
    );
    const card = (s: Surface) =>
      html`<li class="surface-card" data-module-key="${s.moduleKey}" data-module-type="${s.moduleType}">
        <div class="surface-card-head">
          <span class="surface-name">${surfaceTitle(manifest, s, session.locale)}</span>
          <span class="lozenge">${surfaceKindLabel(session, s)}</span>
        </div>
        <code class="surface-key">${s.moduleType} · ${s.moduleKey}</code>
        <ul class="surface-links">
          ${surfaceLinks(session, s).map((l) => html`<li><a href="${l.href}">${l.label}</a></li>`)}
        </ul>
      </li>`;
    const section = (title: string, list: Surface[]) =>
      list.length === 0
        ? ''
        : html`<section>
            <h2>${title}</h2>
            <ul class="surface-list">
              ${list.map(card)}
            </ul>
          </section>`;
    const people = meta.personas.map((p) => ({ p, user: site.user(p.accountId) }));
    const body = html`<header class="topbar preview-bar">
        <a class="brand" href="/"
          ><span class="brand-mark" aria-hidden="true">T</span>${t(session, 'previewTitle')}</a
        >
        <span class="site-name">${meta.site.name}</span>
        ${switcher(session)}
      </header>
      <main class="index">
        <h1>${t(session, 'surfaces')}</h1>
        <p class="intro">${t(session, 'intro')}</p>
        ${manifest.surfaces.length === 0 ? html`<p>${t(session, 'noSurface')}</p>` : ''}
        ${section(t(session, 'jira'), jira)} ${section(t(session, 'confluence'), confluence)}
        <section>
          <h2>${t(session, 'people')}</h2>
          <table class="people">
            <tbody>
              ${people.map(
                ({ p, user }) =>
                  html`<tr>
                    <td>${p.label[session.locale]}</td>
                    <td>${user?.email ?? ''}</td>
                    <td>${groupsOf(p.accountId).join(', ')}</td>
                  </tr>`
              )}
            </tbody>
          </table>
          <p class="muted">
            ${t(session, 'dataDir')}: <code>${path.resolve(dataDir)}</code> · <code>POST /api/invoke</code> —
            preview/README.md
          </p>
        </section>
      </main>`;
    return hostDocument(session, t(session, 'previewTitle'), body, [], 'index-page');
  }

  function jiraTopbar(session: Session, active: 'apps' | 'filters' = 'apps'): Html {
    return html`<header class="topbar jira-bar">
      <a class="brand" href="/" title="${t(session, 'backToIndex')}"
        ><span class="brand-mark jira" aria-hidden="true">J</span>${t(session, 'jira')}</a
      >
      <nav class="topnav" aria-label="Jira">
        <span>${t(session, 'yourWork')}</span><span>${t(session, 'projects')}</span
        ><a href="/jira/issues"${active === 'filters' ? html` class="active" aria-current="page"` : ''}
          >${t(session, 'filters')}</a
        ><span>${t(session, 'dashboards')}</span
        ><span${active === 'apps' ? html` class="active"` : ''}>${t(session, 'apps')}</span>
      </nav>
      ${topbarTools(session)}
    </header>`;
  }

  /** The product's (inert) search box and the preview's switchers, right of every top bar. */
  function topbarTools(session: Session): Html {
    return html`<input
        class="search"
        type="search"
        placeholder="${t(session, 'search')}"
        aria-label="${t(session, 'search')}"
        disabled
      />
      ${switcher(session, true)}`;
  }

  function confluenceTopbar(session: Session): Html {
    return html`<header class="topbar confluence-bar">
      <a class="brand" href="/" title="${t(session, 'backToIndex')}"
        ><span class="brand-mark confluence" aria-hidden="true">C</span>${t(session, 'confluence')}</a
      >
      <nav class="topnav" aria-label="Confluence">
        <span>${t(session, 'spaces')}</span><span>${t(session, 'apps')}</span>
      </nav>
      ${topbarTools(session)}
    </header>`;
  }

  function frameSpec(
    session: Session,
    s: Surface,
    resolved: Resolved,
    loc: LocationRef,
    slotId: string
  ): FrameSpec {
    return {
      slotId,
      moduleKey: s.moduleKey,
      kind: s.kind,
      title: surfaceTitle(manifest, s, session.locale),
      src: `/frame/${encodeURIComponent(s.resourceKey)}/`,
      context: forgeContext(session, s, resolved),
      location: loc
    };
  }

  function missingBuildNote(session: Session, s: Surface): Html | '' {
    const dir = manifest.resources.get(s.resourceKey);
    return dir && fs.existsSync(path.join(dir, 'index.html'))
      ? ''
      : html`<p class="banner warning">${t(session, 'missingBuild')}</p>`;
  }

  function noAccess(session: Session, chrome: Html, problem: HttpProblem): string {
    const body = html`${chrome}
      <main class="no-access">
        <h1>${problem.status === 404 ? t(session, 'notFound') : t(session, 'noAccess')}</h1>
        <p>${t(session, 'noAccessBody')}</p>
        <p><a href="/">${t(session, 'backToIndex')}</a></p>
      </main>`;
    return hostDocument(session, t(session, 'noAccess'), body);
  }

  function adminPage(session: Session, s: Surface): string {
    const principal: Principal = { kind: 'user', accountId: session.accountId };
    const resolved = resolveLocation(s, undefined, principal);
    const admins = manifest.surfaces.filter((x) => x.kind === 'admin');
    const title = surfaceTitle(manifest, s, session.locale);
    const isAdmin = site.hasGlobal(principal, 'ADMINISTER');
    const body = html`${jiraTopbar(session)}
      <div class="layout">
        <nav class="sidebar" aria-label="${t(session, 'jiraSettings')}">
          <h2 class="sidebar-title">${t(session, 'jiraSettings')}</h2>
          <ul>
            <li class="inert">${t(session, 'system')}</li>
            <li class="inert">${t(session, 'products')}</li>
            <li class="inert">${t(session, 'projects')}</li>
            <li class="inert">${t(session, 'issues')}</li>
          </ul>
          <h3 class="sidebar-group">${t(session, 'apps')}</h3>
          <ul>
            <li class="inert">${t(session, 'manageApps')}</li>
            ${admins.map(
              (a) =>
                html`<li${a.moduleKey === s.moduleKey ? html` class="active" aria-current="page"` : ''}><a href="/jira/settings/apps/${a.moduleKey}">${surfaceTitle(manifest, a, session.locale)}</a></li>`
            )}
          </ul>
        </nav>
        <main class="content full">
          <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <span>${t(session, 'settings')}</span> / <span>${t(session, 'apps')}</span> /
            <span>${title}</span>
          </nav>
          ${isAdmin ? '' : html`<p class="banner info">${t(session, 'adminOnlyNote')}</p>`}
          ${missingBuildNote(session, s)}
          <div id="surface-slot" class="surface-slot full"></div>
        </main>
      </div>`;
    return hostDocument(
      session,
      `${title} — ${t(session, 'apps')} — Jira`,
      body,
      [frameSpec(session, s, resolved, {}, 'surface-slot')],
      'jira'
    );
  }

  function projectPage(session: Session, s: Surface, projectKey: string): string {
    const principal: Principal = { kind: 'user', accountId: session.accountId };
    const loc = { projectKey };
    let resolved: Resolved;
    try {
      resolved = resolveLocation(s, loc, principal);
    } catch (e) {
      if (e instanceof HttpProblem) return noAccess(session, jiraTopbar(session), e);
      throw e;
    }
    const project = resolved.project as ProjectDoc;
    const pages = manifest.surfaces.filter((x) => x.kind === 'project');
    const title = surfaceTitle(manifest, s, session.locale);
    const body = html`${jiraTopbar(session)}
      <div class="layout">
        ${projectSidebar(session, project, pages, s.moduleKey)}
        <main class="content full">
          <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <span>${t(session, 'projects')}</span> / <span>${project.name}</span> / <span>${title}</span>
          </nav>
          ${missingBuildNote(session, s)}
          <div id="surface-slot" class="surface-slot full"></div>
        </main>
      </div>`;
    return hostDocument(
      session,
      `${title} — ${project.name} — Jira`,
      body,
      [frameSpec(session, s, resolved, loc, 'surface-slot')],
      'jira'
    );
  }

  function projectSidebar(session: Session, project: ProjectDoc, pages: Surface[], activeKey?: string): Html {
    return html`<nav class="sidebar" aria-label="${project.name}">
      <div class="project-head">
        <span class="avatar" aria-hidden="true">${project.key.slice(0, 2)}</span>
        <div>
          <strong class="project-name">${project.name}</strong
          ><span class="muted">${project.style === 'next-gen' ? 'Team-managed' : 'Company-managed'}</span>
        </div>
      </div>
      <ul>
        <li class="inert">${t(session, 'board')}</li>
        <li class="inert">${t(session, 'backlog')}</li>
        <li class="inert">${t(session, 'issues')}</li>
      </ul>
      ${pages.length ? html`<h3 class="sidebar-group">${t(session, 'apps')}</h3>` : ''}
      <ul>
        ${pages.map(
          (p) =>
            html`<li${p.moduleKey === activeKey ? html` class="active" aria-current="page"` : ''}><a href="/jira/projects/${project.key}/apps/${p.moduleKey}">${surfaceTitle(manifest, p, session.locale)}</a></li>`
        )}
      </ul>
    </nav>`;
  }

  function issuePage(session: Session, issueKey: string): string {
    const principal: Principal = { kind: 'user', accountId: session.accountId };
    const panels = manifest.surfaces.filter((x) => x.kind === 'issue');
    const issue = site.issueByIdOrKey(issueKey);
    const project = issue ? site.docs.get<ProjectDoc>('projects', issue.projectId) : undefined;
    if (!issue || !project)
      return noAccess(session, jiraTopbar(session), new HttpProblem(404, 'NOT_FOUND', 'Unknown issue'));
    if (!site.canBrowse(principal, project))
      return noAccess(session, jiraTopbar(session), new HttpProblem(403, 'FORBIDDEN', 'No access'));
    const loc = { issueKey: issue.key };
    const frames = panels.map((p, i) =>
      frameSpec(session, p, resolveLocation(p, loc, principal), loc, `panel-slot-${i}`)
    );
    const status = STATUSES.find((x) => x.id === issue.statusId);
    const issueType = site.docs.get<{ name: string }>('issueTypes', issue.issueTypeId);
    const body = html`${jiraTopbar(session)}
      <div class="layout">
        ${projectSidebar(
          session,
          project,
          manifest.surfaces.filter((x) => x.kind === 'project')
        )}
        <main class="content issue-view">
          <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <span>${t(session, 'projects')}</span> / <span>${project.name}</span> / <span>${issue.key}</span>
          </nav>
          <div id="transition-error" class="banner error" role="alert" hidden></div>
          <div class="issue-columns">
            <article class="issue-main">
              <p class="muted">${issueType?.name ?? ''} · ${issue.key}</p>
              <h1 class="issue-summary">${issue.summary}</h1>
              <h2 class="section-title">${t(session, 'description')}</h2>
              <div class="issue-description">${issue.description ? adfToHtml(issue.description) : ''}</div>
              ${panels.map(
                (p, i) =>
                  html`<section class="issue-panel">
                    <h2 class="section-title">${surfaceTitle(manifest, p, session.locale)}</h2>
                    ${missingBuildNote(session, p)}
                    <div id="panel-slot-${i}" class="surface-slot"></div>
                  </section>`
              )}
            </article>
            <aside class="issue-details">
              <h2 class="section-title">${t(session, 'details')}</h2>
              <dl>
                <dt id="status-label">${t(session, 'status')}</dt>
                <dd>
                  <div class="status-menu" data-issue-key="${issue.key}">
                    <button
                      type="button"
                      id="status-button"
                      class="status-button status-${status?.category ?? 'new'}"
                      aria-haspopup="menu"
                      aria-expanded="false"
                      aria-controls="status-options"
                      aria-describedby="status-label"
                      title="${t(session, 'changeStatus')}"
                    >
                      <span id="status-name">${status?.name ?? issue.statusId}</span
                      ><span class="status-chevron" aria-hidden="true">▾</span>
                    </button>
                    <ul
                      id="status-options"
                      class="status-options"
                      role="menu"
                      aria-label="${t(session, 'transitions')}"
                      hidden
                    ></ul>
                  </div>
                </dd>
                <dt>${t(session, 'assignee')}</dt>
                <dd>${issue.assignee ? userName(issue.assignee) : t(session, 'unassigned')}</dd>
                <dt>${t(session, 'reporter')}</dt>
                <dd>${userName(issue.reporter)}</dd>
              </dl>
              ${issue.labels.length ? html`<p class="labels">${issue.labels.map((l) => html`<span class="label">${l}</span>`)}</p>` : ''}
            </aside>
          </div>
        </main>
      </div>`;
    return hostDocument(session, `${issue.key} ${issue.summary} — Jira`, body, frames, 'jira');
  }

  function confluencePage(
    session: Session,
    pageId: string,
    macroKey: string | undefined,
    configure?: string
  ): string {
    const principal: Principal = { kind: 'user', accountId: session.accountId };
    const page = site.docs.get<PageDoc>('pages', pageId);
    const space = page ? site.docs.get<SpaceDoc>('spaces', page.spaceId) : undefined;
    if (!page || !space)
      return noAccess(session, confluenceTopbar(session), new HttpProblem(404, 'NOT_FOUND', 'Unknown page'));
    if (!site.canViewPage(principal, page))
      return noAccess(session, confluenceTopbar(session), new HttpProblem(403, 'FORBIDDEN', 'No access'));
    // Placed macros in page order, then (insert flow, ?macro=KEY) one unplaced instance of KEY.
    const surfaceOf = (key: string) =>
      manifest.surfaces.find((x) => x.kind === 'macro' && x.moduleKey === key);
    const placed = placementsOf(site, page.id).flatMap((m): { surface: Surface; localId?: string }[] => {
      const surface = surfaceOf(m.moduleKey);
      return surface ? [{ surface, localId: m.localId }] : [];
    });
    const inserting = macroKey ? surfaceOf(macroKey) : undefined;
    const macros = [...placed, ...(inserting ? [{ surface: inserting }] : [])];
    const frames = macros.flatMap(({ surface: m, localId }, i) => {
      const loc: LocationRef = { contentId: page.id, ...(localId ? { macroLocalId: localId } : {}) };
      const resolved = resolveLocation(m, loc, principal);
      const macroFrame = frameSpec(session, m, resolved, loc, `macro-slot-${i}`);
      // The insert flow opens the config dialog first when the module asks for it (openOnInsert).
      const configOpen = m.configResourceKey && (localId ? configure === localId : m.configOpenOnInsert);
      if (!configOpen || !m.configResourceKey) return [macroFrame];
      return [
        macroFrame,
        {
          ...macroFrame,
          slotId: `macro-config-slot-${i}`,
          kind: 'macro-config',
          src: `/frame/${encodeURIComponent(m.configResourceKey)}/`
        }
      ];
    });
    const configSlot = (i: number) => frames.some((f) => f.slotId === `macro-config-slot-${i}`);
    const tree = visiblePages(principal).filter((p) => p.spaceId === space.id);
    const body = html`${confluenceTopbar(session)}
      <div class="layout">
        <nav class="sidebar" aria-label="${space.name}">
          <div class="project-head">
            <span class="avatar space" aria-hidden="true">${space.key.slice(0, 2)}</span
            ><strong class="project-name">${space.name}</strong>
          </div>
          <h3 class="sidebar-group">${t(session, 'pages')}</h3>
          <ul>
            ${tree.map(
              (p) =>
                html`<li${p.id === page.id ? html` class="active" aria-current="page"` : ''}${p.parentId ? html` data-child` : ''}><a href="/wiki/pages/${p.id}${macroKey ? `?macro=${encodeURIComponent(macroKey)}` : ''}">${p.title}</a></li>`
            )}
          </ul>
        </nav>
        <main class="content confluence-page">
          <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <span>${t(session, 'spaces')}</span> / <span>${space.name}</span>
          </nav>
          <h1 class="page-title">${page.title}</h1>
          <p class="muted byline">
            ${t(session, 'createdBy')} ${userName(page.authorId)} · ${page.createdAt.slice(0, 10)}
          </p>
          ${macros.map(
            ({ surface: m, localId }, i) =>
              html`<div
                class="macro"
                data-macro="${m.moduleKey}"
                ${localId ? html` data-local-id="${localId}"` : ''}
              >
                ${missingBuildNote(session, m)}
                ${
                  configSlot(i)
                    ? html`<div
                        class="macro-config"
                        role="dialog"
                        aria-label="${t(session, 'macroSettings')}"
                      >
                        <div id="macro-config-slot-${i}" class="surface-slot"></div>
                      </div>`
                    : ''
                }
                <div id="macro-slot-${i}" class="surface-slot"></div>
                ${
                  localId && m.configResourceKey
                    ? html`<p class="macro-actions">
                        <a href="/wiki/pages/${page.id}?configure=${encodeURIComponent(localId)}"
                          >${t(session, 'editMacroSettings')}</a
                        >
                      </p>`
                    : ''
                }
              </div>`
          )}
          <div class="page-body">${page.body ? adfToHtml(page.body) : ''}</div>
        </main>
      </div>`;
    return hostDocument(session, `${page.title} — Confluence`, body, frames, 'confluence');
  }

  function genericPage(session: Session, s: Surface, loc: LocationRef): string {
    const principal: Principal = { kind: 'user', accountId: session.accountId };
    let resolved: Resolved;
    try {
      resolved = resolveLocation(s, loc, principal);
    } catch (e) {
      if (e instanceof HttpProblem) return noAccess(session, jiraTopbar(session), e);
      throw e;
    }
    const title = surfaceTitle(manifest, s, session.locale);
    const chrome = resolved.product === 'confluence' ? confluenceTopbar(session) : jiraTopbar(session);
    const body = html`${chrome}
      <main class="content full">
        <nav class="breadcrumbs"><span>${t(session, 'apps')}</span> / <span>${title}</span></nav>
        ${missingBuildNote(session, s)}
        <div id="surface-slot" class="surface-slot full"></div>
      </main>`;
    return hostDocument(
      session,
      title,
      body,
      [frameSpec(session, s, resolved, loc, 'surface-slot')],
      resolved.product
    );
  }

  function searchPage(session: Session, jql: string, result: IssueSearchResult): string {
    const body = html`${jiraTopbar(session, 'filters')}
      <main class="content issue-search">
        <h1>${t(session, 'issueSearch')}</h1>
        <form method="get" action="/jira/issues" class="jql-form">
          <label for="jql">${t(session, 'jqlLabel')}</label>
          <input id="jql" name="jql" type="text" class="jql-input" value="${jql}" maxlength="2000" />
          <button type="submit">${t(session, 'runSearch')}</button>
        </form>
        <nav aria-label="${t(session, 'tandemQueues')}" class="jql-queues">
          <h2 class="section-title">${t(session, 'tandemQueues')}</h2>
          <ul>
            ${TANDEM_QUEUES.map(
              (q) =>
                html`<li>
                  <a href="/jira/issues?jql=${encodeURIComponent(q.jql)}">${t(session, q.label)}</a>
                  <code>${q.jql}</code>
                </li>`
            )}
          </ul>
        </nav>
        ${
          result.ok
            ? result.issues.length === 0
              ? html`<p role="status">${t(session, 'noResults')}</p>`
              : html`<p role="status">
                    ${t(session, 'resultCount').replace('{count}', String(result.issues.length))}
                  </p>
                  <table class="issue-table">
                    <thead>
                      <tr>
                        <th scope="col">${t(session, 'key')}</th>
                        <th scope="col">${t(session, 'summary')}</th>
                        <th scope="col">${t(session, 'type')}</th>
                        <th scope="col">${t(session, 'status')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${result.issues.map(
                        (i) =>
                          html`<tr>
                            <th scope="row"><a href="/jira/browse/${i.key}">${i.key}</a></th>
                            <td>${i.summary}</td>
                            <td>${i.type}</td>
                            <td><span class="lozenge">${i.status}</span></td>
                          </tr>`
                      )}
                    </tbody>
                  </table>`
            : html`<div class="banner error" role="alert">
                <strong>${t(session, 'jqlRefused')}</strong>
                <ul>
                  ${result.messages.map((m) => html`<li>${m}</li>`)}
                </ul>
              </div>`
        }
      </main>`;
    return hostDocument(session, `${t(session, 'issueSearch')} — Jira`, body, [], 'jira');
  }

  return { indexPage, adminPage, projectPage, issuePage, confluencePage, genericPage, searchPage };
}
