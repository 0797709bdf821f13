import {
  bulletList,
  doc,
  heading,
  listItem,
  paragraph,
  status,
  strong,
  table,
  tableCell,
  tableHeader,
  tableRow,
  text
} from '@atlaskit/adf-utils/builders';
import type { RetroActionView, RetroView } from '../contract/retro';
import type { FollowedAction } from './domain/actions';

/**
 * The ADF document a page export (PDF, Word) shows in place of the live macro: the board's cards
 * by column with their votes, this retro's actions and the carried-over ones with their Jira status,
 * and the period's figures. Built with Atlassian's ADF builders, so every node is schema-shaped;
 * user text only ever goes into text nodes. Authors are never exported (an export leaves the page's
 * permissions behind), and while cards are still being added only their number is.
 */

type Lang = 'en' | 'fr';

const WORDS = {
  en: {
    retro: 'Retrospective',
    phase: 'Phase',
    cards: 'cards',
    hidden: 'cards not shown until the add phase ends',
    votes: 'votes',
    noCards: 'No cards.',
    actions: 'Actions',
    carried: 'Open actions from earlier retros',
    issue: 'Issue',
    summary: 'Summary',
    owner: 'Owner',
    due: 'Due',
    statusCol: 'Status',
    noActions: 'No actions.',
    figures: 'The period’s figures',
    done: 'Done per lane',
    noLane: 'no lane',
    approvals: 'Guardrail approvals',
    median: 'median',
    slowest: 'slowest',
    hours: 'h',
    experiments: 'Experiments started / stopped',
    protectedTime: 'Protected time kept',
    phases: {
      review: 'Review last actions',
      add: 'Add cards',
      group: 'Group',
      vote: 'Vote',
      discuss: 'Discuss and decide actions',
      done: 'Done'
    }
  },
  fr: {
    retro: 'Rétrospective',
    phase: 'Phase',
    cards: 'cartes',
    hidden: 'cartes masquées jusqu’à la fin de l’ajout',
    votes: 'votes',
    noCards: 'Aucune carte.',
    actions: 'Actions',
    carried: 'Actions ouvertes des rétros précédentes',
    issue: 'Ticket',
    summary: 'Résumé',
    owner: 'Responsable',
    due: 'Échéance',
    statusCol: 'Statut',
    noActions: 'Aucune action.',
    figures: 'Les chiffres de la période',
    done: 'Terminé par couloir',
    noLane: 'sans couloir',
    approvals: 'Validations des garde-fous',
    median: 'médiane',
    slowest: 'la plus lente',
    hours: 'h',
    experiments: 'Expériences lancées / arrêtées',
    protectedTime: 'Temps protégé tenu',
    phases: {
      review: 'Revue des actions',
      add: 'Ajout des cartes',
      group: 'Regroupement',
      vote: 'Vote',
      discuss: 'Discussion et actions',
      done: 'Terminée'
    }
  }
} as const;

const COLUMN_WORDS: Record<Lang, Record<string, string>> = {
  en: {
    worked: 'What worked',
    didnt: 'What didn’t',
    improve: 'What to improve',
    start: 'Start',
    stop: 'Stop',
    continue: 'Continue',
    liked: 'Liked',
    learned: 'Learned',
    lacked: 'Lacked',
    longed: 'Longed for',
    energising: 'Energising',
    neutral: 'Neutral',
    draining: 'Draining',
    topics: 'Topics',
    progress: 'Progress',
    blockers: 'Blockers',
    decisions: 'Decisions'
  },
  fr: {
    worked: 'Ce qui a marché',
    didnt: 'Ce qui n’a pas marché',
    improve: 'À améliorer',
    start: 'Commencer',
    stop: 'Arrêter',
    continue: 'Continuer',
    liked: 'Apprécié',
    learned: 'Appris',
    lacked: 'Manqué',
    longed: 'Souhaité',
    energising: 'Énergisant',
    neutral: 'Neutre',
    draining: 'Épuisant',
    topics: 'Sujets',
    progress: 'Avancement',
    blockers: 'Blocages',
    decisions: 'Décisions'
  }
};

type StatusColor = 'neutral' | 'purple' | 'blue' | 'red' | 'yellow' | 'green';
const COLOR: Record<string, StatusColor> = { new: 'neutral', indeterminate: 'blue', done: 'green' };

const cell = (value: string) => tableCell()(paragraph(...(value ? [text(value)] : [])));
const headerCell = (value: string) => tableHeader()(paragraph(text(value)));

function statusNode(name: string | null, category: string | null, localId: string) {
  return status({ text: (name ?? '—').toUpperCase(), color: COLOR[category ?? ''] ?? 'neutral', localId });
}

function actionTable(
  lang: Lang,
  rows: Array<
    Pick<RetroActionView, 'issueKey' | 'summary' | 'due'> & {
      owner: string | null;
      statusName: string | null;
      category: string | null;
    }
  >,
  people: RetroView['people'],
  idPrefix: string
) {
  const w = WORDS[lang];
  return table(
    tableRow([
      headerCell(w.issue),
      headerCell(w.summary),
      headerCell(w.owner),
      headerCell(w.due),
      headerCell(w.statusCol)
    ]),
    ...rows.map((row, index) =>
      tableRow([
        cell(row.issueKey),
        cell(row.summary),
        cell(row.owner ? (people[row.owner]?.displayName ?? '') : ''),
        cell(row.due ?? ''),
        tableCell()(paragraph(statusNode(row.statusName, row.category, `${idPrefix}-${index}`)))
      ])
    )
  );
}

export function retroExportDoc(view: RetroView, lang: Lang): ReturnType<typeof doc> {
  const w = WORDS[lang];
  const blocks: Parameters<typeof doc>[number][] = [];
  blocks.push(heading({ level: 2 })(text(view.config.title || w.retro)));
  blocks.push(
    paragraph(
      strong(`${w.phase} : `.replace(' :', lang === 'fr' ? '\u202F:' : ':')),
      text(w.phases[view.phase])
    )
  );

  for (const column of view.board.columns) {
    const name = column.label ?? COLUMN_WORDS[lang][column.id] ?? column.id;
    const cards = view.board.cards.filter((c) => c.column === column.id);
    const hidden = view.phase === 'add' ? (view.board.hiddenCounts[column.id] ?? 0) : 0;
    blocks.push(heading({ level: 3 })(text(name)));
    if (view.phase === 'add') {
      blocks.push(paragraph(text(`${cards.length + hidden} ${w.cards} — ${w.hidden}`)));
      continue;
    }
    if (cards.length === 0) {
      blocks.push(paragraph(text(w.noCards)));
      continue;
    }
    blocks.push(
      bulletList(
        ...cards.map((card) =>
          listItem([
            paragraph(
              text(
                card.votes !== null && card.votes > 0 ? `${card.text} (${card.votes} ${w.votes})` : card.text
              )
            )
          ])
        )
      )
    );
  }

  blocks.push(heading({ level: 3 })(text(w.actions)));
  blocks.push(
    view.actions.length === 0
      ? paragraph(text(w.noActions))
      : actionTable(
          lang,
          view.actions.map((a) => ({
            ...a,
            statusName: a.status?.name ?? null,
            category: a.status?.category ?? null
          })),
          view.people,
          'action'
        )
  );
  if (view.carriedOver.length > 0) {
    blocks.push(heading({ level: 3 })(text(w.carried)));
    blocks.push(
      actionTable(
        lang,
        view.carriedOver.map((a: FollowedAction) => ({
          issueKey: a.issueKey,
          summary: a.summary,
          due: a.due ?? '',
          owner: a.owner,
          statusName: a.status,
          category: a.category
        })),
        view.people,
        'carried'
      )
    );
  }

  const f = view.figures;
  if (f) {
    blocks.push(heading({ level: 3 })(text(`${w.figures} (${f.period.start} → ${f.period.end})`)));
    const items = [
      `${w.done}: ${f.donePerLane.map((l) => `${l.lane ?? w.noLane} ${l.count}`).join(', ') || '0'}`,
      `${w.approvals}: ${f.approvals.decided}` +
        (f.approvals.medianHours !== null ? `, ${w.median} ${f.approvals.medianHours} ${w.hours}` : '') +
        (f.approvals.slowest
          ? `, ${w.slowest} ${f.approvals.slowest.issueKey} ${f.approvals.slowest.hours} ${w.hours}`
          : ''),
      `${w.experiments}: ${f.experiments.started.length} / ${f.experiments.stopped.length}`,
      ...(f.protectedTime
        ? [`${w.protectedTime}: ${f.protectedTime.loggedHours} / ${f.protectedTime.plannedHours} ${w.hours}`]
        : [])
    ].map((line) => (lang === 'fr' ? line.replace(/ ?: /, '\u202F: ') : line));
    blocks.push(bulletList(...items.map((line) => listItem([paragraph(text(line))]))));
  }
  return doc(...blocks);
}
