import { useId, useState } from 'react';
import type { ImportHtmlResult } from '@contract/guardrails';
import type { PageDefinition } from '../../../src/guardrails/domain/definition';
import type { Finding } from '../../../src/guardrails/domain/evaluate';
import type { UiResult } from '../../common/client';
import { SectionMessage } from '../../common/components';
import { TextAreaField } from '../../common/fields';
import { t } from '../../common/i18n';
import { refusal } from './ApprovalSection';
import { FindingList } from './DecisionSummary';

const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Paste a page's HTML or a JSON definition (or pick the file): the server parses it; the result
 * loads into the editor, unsaved.
 */
export function ImportHtml({
  importHtml,
  findings,
  onImported
}: {
  importHtml: (html: string) => Promise<UiResult<ImportHtmlResult>>;
  findings: ReadonlyArray<Finding>;
  onImported: (definition: PageDefinition, findings: Finding[]) => void;
}) {
  const [html, setHtml] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const fileId = useId();

  async function run() {
    setBusy(true);
    setError(null);
    setDone(false);
    const result = await importHtml(html);
    setBusy(false);
    if (!result.ok) {
      setError(refusal(result.error, 'import'));
      return;
    }
    onImported(result.data.definition, result.data.findings);
    setDone(true);
  }

  return (
    <section className="gp-section" aria-labelledby="gp-import-title">
      <details className="gp-details">
        <summary>
          <h2 id="gp-import-title" className="gp-h2 gp-inline-heading">
            {t('panel.import.title')}
          </h2>
        </summary>
        <p className="tdm-small tdm-subtle">{t('panel.import.help')}</p>
        <TextAreaField label={t('panel.import.label')} value={html} rows={6} code onChange={setHtml} />
        <div className="tdm-field">
          <label htmlFor={fileId} className="tdm-label">
            {t('panel.import.file')}
          </label>
          <input
            id={fileId}
            type="file"
            accept=".html,.htm,text/html,.json,application/json"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file === undefined) return;
              if (file.size > MAX_BYTES) {
                setError(t('panel.import.tooLarge'));
                return;
              }
              void file.text().then(setHtml);
            }}
          />
        </div>
        <div className="gp-actions">
          <button
            type="button"
            className="tdm-button"
            disabled={busy || html.trim() === ''}
            onClick={() => void run()}
          >
            {busy ? t('panel.import.importing') : t('panel.import.run')}
          </button>
        </div>
        {done && (
          <p className="gp-note" role="status">
            {t('panel.import.done')}
          </p>
        )}
        {findings.length > 0 && <FindingList findings={findings} label={t('panel.import.findings')} />}
        {error !== null && (
          <SectionMessage appearance="error" title={t('panel.import.failed')} announce headingLevel={3}>
            <p>{error}</p>
          </SectionMessage>
        )}
      </details>
    </section>
  );
}
