import { useId, useRef, useState } from 'react';
import { t } from '../../../common/i18n';
import { downloadText } from '../download';
import type { Policy } from './model';

/** The file name the export uses, e.g. `tandem-policy-site-v3.json`. */
export function policyFileName(policy: Policy): string {
  return `tandem-policy-${policy.version.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
}

/** Exactly the JSON `tandem-check --policy` reads: the policy in force, nothing added. */
export function policyJson(policy: Policy): string {
  return JSON.stringify(policy, null, 2);
}

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * Download of the policy in force, and the same JSON in a read-only box with Copy, for hosts
 * whose frame cannot download.
 */
export function PolicyExport({ policy, dirty }: { policy: Policy; dirty: boolean }) {
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const json = policyJson(policy);
  const fileName = policyFileName(policy);

  const copyJson = async () => {
    try {
      await navigator.clipboard.writeText(json);
      setCopy('copied');
      return;
    } catch {
      // The frame may not be granted clipboard-write: select the text and use the copy command.
    }
    const area = box.current;
    if (area) {
      area.focus();
      area.select();
      setCopy(document.execCommand('copy') ? 'copied' : 'failed');
    } else {
      setCopy('failed');
    }
  };

  return (
    <section className="adm-section adm-export" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="adm-h2">
        {t('policy.export.heading')}
      </h2>
      <p>{t('policy.export.lead')}</p>
      <p className="tdm-subtle">
        <code className="adm-code">{t('policy.export.command', { file: fileName })}</code>
      </p>
      {dirty && <p className="tdm-subtle">{t('policy.export.inForceOnly')}</p>}
      <div className="adm-actions">
        <button
          type="button"
          className="tdm-button"
          onClick={() => downloadText(fileName, json, 'application/json')}
        >
          {t('policy.export.download', { file: fileName })}
        </button>
      </div>
      <div className="tdm-field adm-json">
        <label htmlFor={`${id}-json`} className="tdm-label">
          {t('policy.export.jsonLabel')}
        </label>
        <textarea
          id={`${id}-json`}
          ref={box}
          className="tdm-input tdm-textarea tdm-code adm-pre"
          readOnly
          rows={14}
          value={json}
          spellCheck={false}
          aria-describedby={`${id}-json-help`}
        />
        <div id={`${id}-json-help`} className="tdm-small tdm-subtle tdm-field-help">
          {t('policy.export.jsonHelp')}
        </div>
      </div>
      <div className="adm-actions">
        <button type="button" className="tdm-button" onClick={() => void copyJson()}>
          {t('policy.export.copy')}
        </button>
        <span role="status" className="tdm-subtle">
          {copy === 'copied'
            ? t('policy.export.copied')
            : copy === 'failed'
              ? t('policy.export.copyFailed')
              : ''}
        </span>
      </div>
    </section>
  );
}
