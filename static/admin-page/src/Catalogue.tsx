import type { CatalogueItemStatus, ItemState, Language } from '@contract/provisioning';
import { Lozenge } from '../../common/components';
import { t } from '../../common/i18n';
import { ITEM_STATE, WILL_ADOPT } from './labels';

/** A missing item the set-up will adopt is not missing to the admin: it is there, under its name. */
const willAdopt = (item: CatalogueItemStatus): boolean =>
  item.state === 'missing' && item.willAdopt !== undefined && item.willAdopt !== '';

function StateCell({ item }: { item: CatalogueItemStatus }) {
  const { label, appearance } = willAdopt(item) ? WILL_ADOPT : ITEM_STATE[item.state];
  return (
    <td className="adm-state">
      <Lozenge appearance={appearance}>{t(label)}</Lozenge>
      {willAdopt(item) && (
        <div className="tdm-small tdm-subtle adm-state__note">
          {t('admin.catalogue.willAdopt', { name: item.willAdopt ?? '' })}
        </div>
      )}
      {item.state === 'missing' && item.deletedInJira === true && (
        <div className="tdm-small adm-state__error">{t('admin.catalogue.deletedInJira')}</div>
      )}
      {item.state === 'adopted' && item.jiraName !== undefined && item.jiraName !== '' && (
        <div className="tdm-small tdm-subtle adm-state__note">
          {t('admin.catalogue.jiraName', { name: item.jiraName })}
        </div>
      )}
      {item.state === 'failed' && item.error !== undefined && item.error !== '' && (
        <div className="tdm-small adm-state__error">
          {t('admin.catalogue.reason', { reason: item.error })}
        </div>
      )}
    </td>
  );
}

function relatedNames(
  item: CatalogueItemStatus,
  byKey: ReadonlyMap<string, CatalogueItemStatus>,
  locale: Language
) {
  return item.related.map((key) => byKey.get(key)?.names[locale] ?? key).join(', ');
}

function ItemTable({
  caption,
  items,
  byKey,
  locale,
  withScale
}: {
  caption: string;
  items: CatalogueItemStatus[];
  byKey: ReadonlyMap<string, CatalogueItemStatus>;
  locale: Language;
  withScale: boolean;
}) {
  return (
    <div className="adm-table-wrap">
      <table className="tdm-table adm-catalogue">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="adm-col-name">
              {t('admin.catalogue.col.english')}
            </th>
            <th scope="col" className="adm-col-name">
              {t('admin.catalogue.col.french')}
            </th>
            <th scope="col">{t('admin.catalogue.col.purpose')}</th>
            {withScale && (
              <th scope="col" className="adm-col-scale">
                {t('admin.catalogue.col.scale')}
              </th>
            )}
            <th scope="col" className="adm-col-state">
              {t('admin.catalogue.col.state')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const related = relatedNames(item, byKey, locale);
            return (
              <tr key={item.key}>
                <th scope="row" className="adm-item-name" lang="en">
                  {item.names.en}
                </th>
                <td lang="fr">{item.names.fr}</td>
                <td>
                  <div>{item.descriptions[locale]}</div>
                  {related !== '' && (
                    <div className="tdm-small tdm-subtle adm-related">
                      {item.kind === 'issueType'
                        ? t('admin.catalogue.fieldsOfType', { list: related })
                        : t('admin.catalogue.typesOfField', { list: related })}
                    </div>
                  )}
                </td>
                {withScale && (
                  <td>
                    {item.scale ? (
                      item.scale[locale]
                    ) : (
                      <>
                        <span aria-hidden="true" className="tdm-subtle">
                          —
                        </span>
                        <span className="tdm-sr-only">{t('common.none')}</span>
                      </>
                    )}
                  </td>
                )}
                <StateCell item={item} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function Catalogue({ items, locale }: { items: CatalogueItemStatus[]; locale: Language }) {
  const byKey = new Map(items.map((item) => [item.key, item] as const));
  const types = items.filter((item) => item.kind === 'issueType');
  const fields = items.filter((item) => item.kind === 'field');
  const count = (state: ItemState) => items.filter((item) => item.state === state && !willAdopt(item)).length;

  return (
    <section className="adm-section" aria-labelledby="adm-catalogue-heading">
      <div className="adm-section__head">
        <h2 id="adm-catalogue-heading" className="adm-h2">
          {t('admin.catalogue.heading')}
        </h2>
        {items.length > 0 && (
          <p className="tdm-subtle adm-summary">
            {t('admin.catalogue.summary', {
              created: count('created'),
              adopted: count('adopted'),
              toAdopt: items.filter(willAdopt).length,
              missing: count('missing'),
              failed: count('failed')
            })}
          </p>
        )}
      </div>
      {items.length === 0 && <p>{t('admin.catalogue.empty')}</p>}
      {types.length > 0 && (
        <ItemTable
          caption={t('admin.catalogue.types')}
          items={types}
          byKey={byKey}
          locale={locale}
          withScale={false}
        />
      )}
      {fields.length > 0 && (
        <ItemTable
          caption={t('admin.catalogue.fields')}
          items={fields}
          byKey={byKey}
          locale={locale}
          withScale
        />
      )}
    </section>
  );
}
