import { lazy, Suspense, useState } from 'react';
import { Lozenge, Spinner } from '../../common/components';
import type { HostInfo } from '../../common/bootstrap';
import { t } from '../../common/i18n';
import { SetupTab } from './SetupTab';
import { TabList, TabPanel, useHashTab } from './Tabs';

// The guardrail tabs load on first visit: the set-up tab, the one most admins open, stays light.
const PolicyTab = lazy(() => import('./policy/PolicyTab'));
const AuditTab = lazy(() => import('./audit/AuditTab'));

const TAB_IDS = ['setup', 'policy', 'audit'] as const;
type TabIdentifier = (typeof TAB_IDS)[number];

function Loading() {
  return (
    <div className="adm-loading">
      <Spinner label={t('common.loading')} />
    </div>
  );
}

export function App({ host }: { host: HostInfo }) {
  const [selected, select] = useHashTab<TabIdentifier>(TAB_IDS, 'setup');
  // A tab stays mounted once opened, so switching away keeps unsaved edits and a running export.
  const [opened, setOpened] = useState<ReadonlySet<TabIdentifier>>(() => new Set([selected]));
  const [policyDirty, setPolicyDirty] = useState(false);

  const open = (id: TabIdentifier) => {
    select(id);
    setOpened((previous) => (previous.has(id) ? previous : new Set([...previous, id])));
  };

  return (
    <main className="adm-page">
      <header className="adm-header">
        <h1 className="adm-title">{t('admin.title')}</h1>
        <p className="adm-subtitle">{t('admin.subtitle')}</p>
      </header>

      <TabList<TabIdentifier>
        label={t('policy.tabs.label')}
        selected={selected}
        onSelect={open}
        tabs={[
          { id: 'setup', label: t('policy.tabs.setup') },
          { id: 'policy', label: t('policy.tabs.policy') },
          { id: 'audit', label: t('policy.tabs.audit') }
        ]}
        marks={{
          policy: policyDirty ? (
            <span className="adm-tab__mark">
              <Lozenge appearance="moved">{t('policy.unsaved')}</Lozenge>
            </span>
          ) : undefined
        }}
      />

      <TabPanel id="setup" hidden={selected !== 'setup'}>
        {opened.has('setup') && <SetupTab host={host} />}
      </TabPanel>
      <TabPanel id="policy" hidden={selected !== 'policy'}>
        {opened.has('policy') && (
          <Suspense fallback={<Loading />}>
            <PolicyTab host={host} onDirtyChange={setPolicyDirty} />
          </Suspense>
        )}
      </TabPanel>
      <TabPanel id="audit" hidden={selected !== 'audit'}>
        {opened.has('audit') && (
          <Suspense fallback={<Loading />}>
            <AuditTab />
          </Suspense>
        )}
      </TabPanel>
    </main>
  );
}
