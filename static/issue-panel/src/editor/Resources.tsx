import type { ThirdPartyResource } from '../../../../src/guardrails/domain/definition';
import { TextField } from '../../../common/fields';
import { t } from '../../../common/i18n';
import { newResource, removeAt, replaceAt } from '../draft';

/** Third-party scripts or embeds: a URL each; inline code found by an import is shown, not edited. */
export function Resources({
  title,
  help,
  addLabel,
  itemLabel,
  items,
  onChange
}: {
  title: string;
  help: string;
  addLabel: string;
  itemLabel: (n: number) => string;
  items: ReadonlyArray<ThirdPartyResource>;
  onChange: (next: ThirdPartyResource[]) => void;
}) {
  return (
    <fieldset className="gp-fieldset">
      <legend className="gp-legend">{title}</legend>
      <p className="tdm-small tdm-subtle">{help}</p>
      {items.map((item, index) => (
        <div key={index} className="gp-inline">
          {item.inline !== undefined ? (
            <span className="gp-row__main">
              {t('panel.resource.inline')} <code className="tdm-code">{item.inline.slice(0, 80)}</code>
            </span>
          ) : (
            <div className="gp-grow">
              <TextField
                label={itemLabel(index + 1)}
                type="url"
                placeholder="https://"
                value={item.url ?? ''}
                onChange={(v) => onChange(replaceAt(items, index, { url: v }))}
              />
            </div>
          )}
          <button
            type="button"
            className="tdm-button tdm-button--subtle gp-push"
            onClick={() => onChange(removeAt(items, index))}
          >
            {t('panel.remove')}
            <span className="tdm-sr-only"> {itemLabel(index + 1)}</span>
          </button>
        </div>
      ))}
      <button type="button" className="tdm-button" onClick={() => onChange([...items, newResource()])}>
        {addLabel}
      </button>
    </fieldset>
  );
}
