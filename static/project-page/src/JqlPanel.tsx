import type { LaneHeaderView } from '@contract/capacity';
import { useRef } from 'react';
import { t } from '../../common/i18n';
import type { Announce } from './App';

function clipboardAllowed(): boolean {
  const policy = (document as Document & { featurePolicy?: { allowsFeature(feature: string): boolean } })
    .featurePolicy;
  return (
    typeof navigator.clipboard?.writeText === 'function' && (policy?.allowsFeature('clipboard-write') ?? true)
  );
}

function LaneQuery({ lane, announce }: { lane: LaneHeaderView; announce: Announce }) {
  const field = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      // A frame whose permissions policy refuses the clipboard gets the selection straight away.
      if (!clipboardAllowed()) throw new Error('clipboard-write not allowed');
      await navigator.clipboard.writeText(lane.jql);
      announce(t('lanes.jql.copied', { lane: lane.name }));
    } catch {
      // The frame may lack clipboard permission: select the text so Ctrl+C copies it.
      field.current?.focus();
      field.current?.select();
      announce(t('lanes.jql.selected', { lane: lane.name }));
    }
  };
  const id = `lanes-jql-${lane.id}`;
  return (
    <li className="lanes-jql__lane">
      <label htmlFor={id} className="tdm-label">
        {t('lanes.jql.query', { lane: lane.name })}
      </label>
      <div className="lanes-jql__row">
        <input
          ref={field}
          id={id}
          className="tdm-input tdm-code lanes-jql__input"
          readOnly
          value={lane.jql}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          className="tdm-button"
          aria-label={t('lanes.jql.copyLabel', { lane: lane.name })}
          onClick={() => void copy()}
        >
          {t('lanes.jql.copy')}
        </button>
      </div>
    </li>
  );
}

/** Each lane's JQL and how to make it a swimlane of a native Jira board. */
export function JqlPanel({ lanes, announce }: { lanes: ReadonlyArray<LaneHeaderView>; announce: Announce }) {
  return (
    <section className="lanes-jql" aria-labelledby="lanes-jql-heading">
      <h2 id="lanes-jql-heading" className="lanes-h2">
        {t('lanes.jql.heading')}
      </h2>
      <p>{t('lanes.jql.intro')}</p>
      <ol className="lanes-jql__steps">
        <li>{t('lanes.jql.step1')}</li>
        <li>{t('lanes.jql.step2')}</li>
        <li>{t('lanes.jql.step3')}</li>
      </ol>
      <ul className="lanes-jql__lanes">
        {lanes.map((lane) => (
          <LaneQuery key={lane.id} lane={lane} announce={announce} />
        ))}
      </ul>
    </section>
  );
}
