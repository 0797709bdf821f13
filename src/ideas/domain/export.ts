import {
  doc,
  heading,
  paragraph,
  status,
  table,
  tableCell,
  tableHeader,
  tableRow,
  text
} from '@atlaskit/adf-utils/builders';
import type { IdeaView } from './backlog';
import { formatNumber, scoreText, SOURCE_NAMES, STAGE_NAMES, type Lang } from './messages';
import type { ScoringModel } from './scoring';
import type { Stage } from './stages';

/**
 * The backlog as an ADF document for Confluence's PDF/Word export (the macro's adfExport): a
 * table of what the macro shows. Built with @atlaskit/adf-utils's builders, never by hand, and
 * with user text only ever in text nodes (ADF has no HTML), so an export cannot carry markup.
 */

type StatusColor = 'neutral' | 'purple' | 'blue' | 'red' | 'yellow' | 'green';
const STAGE_COLOR: Record<Stage, StatusColor> = {
  captured: 'neutral',
  reviewing: 'blue',
  experiment: 'purple',
  adopted: 'green',
  parked: 'yellow',
  dropped: 'red'
};

/** ADF text nodes must not be empty. */
const words = (value: string) => (value.length > 0 ? [text(value)] : []);
const cell = (value: string) => tableCell()(paragraph(...words(value)));

const HEADERS: Record<Lang, string[]> = {
  en: ['Idea', 'Stage', 'Source', 'Score', 'Votes', 'Evidence', 'Age (days)', 'Review'],
  fr: ['Idée', 'Étape', 'Source', 'Score', 'Votes', 'Éléments', 'Âge (jours)', 'Revue']
};

export interface BacklogExportInput {
  projectName: string;
  model: ScoringModel;
  cadenceDays: number;
  ideas: readonly IdeaView[];
  lang: Lang;
  /** yyyy-mm-dd: the date the figures are for. */
  today: string;
}

function reviewCell(idea: IdeaView, lang: Lang): string {
  const last = idea.decisions[0];
  const flagged = idea.review.flagged
    ? lang === 'fr'
      ? `À revoir (${idea.review.daysSinceReview} j sans revue)`
      : `Due for review (${idea.review.daysSinceReview} days)`
    : '';
  const decided = last ? `${last.at.slice(0, 10)}` : '';
  return [flagged, decided].filter((part) => part !== '').join(' · ');
}

/** The builders' own document type (adf-utils pins its own adf-schema). */
export type AdfDocument = ReturnType<typeof doc>;

export function backlogExport(input: BacklogExportInput): AdfDocument {
  const { lang } = input;
  const title =
    lang === 'fr' ? `Backlog d’idées — ${input.projectName}` : `Idea backlog — ${input.projectName}`;
  const summary =
    lang === 'fr'
      ? `${input.ideas.length} idée(s), score ${input.model} absolu, revue tous les ${input.cadenceDays} jours. Au ${input.today}.`
      : `${input.ideas.length} idea(s), absolute ${input.model} score, reviewed every ${input.cadenceDays} days. As of ${input.today}.`;
  const header = tableRow(HEADERS[lang].map((h) => tableHeader()(paragraph(text(h)))));
  const rows = input.ideas.map((idea) =>
    tableRow([
      cell(`${idea.key} ${idea.summary}`),
      tableCell()(
        paragraph(
          status({ text: STAGE_NAMES[idea.stage][lang], color: STAGE_COLOR[idea.stage], localId: '' })
        )
      ),
      cell(idea.source ? SOURCE_NAMES[idea.source][lang] : ''),
      cell(scoreText(idea.score, lang)),
      cell(formatNumber(idea.votes, lang, 0)),
      cell(formatNumber(idea.evidenceCount, lang, 0)),
      cell(formatNumber(idea.ageDays, lang, 0)),
      cell(reviewCell(idea, lang))
    ])
  );
  return doc(
    heading({ level: 2 })(text(title)),
    paragraph(text(summary)),
    ...(rows.length > 0 ? [table(header, ...rows)] : [])
  );
}
