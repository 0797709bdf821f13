import { t } from '../../common/i18n';

export function Intro() {
  return (
    <section className="adm-section" aria-labelledby="adm-intro-heading">
      <h2 id="adm-intro-heading" className="adm-h2">
        {t('admin.intro.heading')}
      </h2>
      <p>{t('admin.intro.lead')}</p>
      <ul className="adm-list">
        <li>{t('admin.intro.types')}</li>
        <li>{t('admin.intro.fields')}</li>
        <li>{t('admin.intro.adopt')}</li>
        <li>{t('admin.intro.projects')}</li>
      </ul>
      <p>{t('admin.intro.teamManaged')}</p>
      <p className="tdm-subtle">{t('admin.intro.rerun')}</p>
    </section>
  );
}
