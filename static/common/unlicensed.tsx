import { createRoot } from 'react-dom/client';
import { SectionMessage } from './components';
import { t } from './i18n';

/**
 * The page every surface shows when its resolver answers UNLICENSED (the site's licence is not in
 * force). It takes over from the surface in one place, client.ts, so a surface added later shows it
 * without a line of its own: the surface's root is hidden and made inert (whatever it rendered for
 * the error stays out of sight and out of the accessibility tree) and this page is mounted beside it.
 */

export function UnlicensedPage() {
  return (
    <main className="tdm-unlicensed" aria-labelledby="tdm-unlicensed-title">
      <h1 id="tdm-unlicensed-title" className="tdm-unlicensed__title">
        {t('common.unlicensed.title')}
      </h1>
      <SectionMessage appearance="warning">
        <p>{t('common.unlicensed.body')}</p>
        <p>{t('common.unlicensed.admin')}</p>
        <p>{t('common.unlicensed.validator')}</p>
      </SectionMessage>
    </main>
  );
}

const PAGE_ID = 'tdm-unlicensed';

/** Replaces the surface with the unlicensed page; later calls do nothing. */
export function showUnlicensed(): void {
  if (typeof document === 'undefined' || document.getElementById(PAGE_ID)) return;
  const surface = document.getElementById('root');
  if (surface) {
    surface.hidden = true;
    surface.setAttribute('inert', '');
  }
  const page = document.createElement('div');
  page.id = PAGE_ID;
  document.body.appendChild(page);
  createRoot(page).render(<UnlicensedPage />);
}
