import { Lozenge } from '../../../common/components';
import { t } from '../../../common/i18n';
import { SelectField } from '../../../common/fields';
import { FIELD_KINDS, kindName, TIERS, tierOption, type FieldKind, type Policy, type Tier } from './model';

/** Every field kind the classifier knows, with the tier it puts a form in. */
export function KindTiers({
  kindTiers,
  inForce,
  onChange
}: {
  kindTiers: Policy['kindTiers'];
  inForce: Policy['kindTiers'];
  onChange: (kind: FieldKind, tier: Tier) => void;
}) {
  const options = TIERS.map((tier) => ({ value: tier, label: tierOption(tier) }));
  return (
    <div className="adm-table-wrap">
      <table className="tdm-table adm-kinds">
        <caption className="tdm-sr-only">{t('policy.kinds.heading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('policy.kinds.col.kind')}</th>
            <th scope="col">{t('policy.kinds.col.tier')}</th>
          </tr>
        </thead>
        <tbody>
          {FIELD_KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row" className="adm-item-name">
                {kindName(kind)}
                {kindTiers[kind] !== inForce[kind] && (
                  <>
                    {' '}
                    <Lozenge appearance="moved">{t('policy.changed')}</Lozenge>
                  </>
                )}
              </th>
              <td>
                <SelectField<Tier>
                  hideLabel
                  label={t('policy.field.kindTier', { kind: kindName(kind) })}
                  value={kindTiers[kind]}
                  options={options}
                  onChange={(tier) => onChange(kind, tier)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
