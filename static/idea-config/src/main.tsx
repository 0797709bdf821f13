import '@atlaskit/css-reset';
import '../../common/common.css';
import './config.css';
import { view } from '@forge/bridge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bootstrap } from '../../common/bootstrap';
import { setMessages } from '../../common/i18n';
import { commonEn, commonFr } from '../../common/messages/common';
import { ideasEn, ideasFr } from '../../common/messages/ideas';
import { ConfigApp } from './ConfigApp';

setMessages({ en: { ...commonEn, ...ideasEn }, fr: { ...commonFr, ...ideasFr } });

/** The config saved with the macro (untrusted: it only pre-fills the form; the resolvers parse it). */
async function savedConfig(): Promise<Record<string, unknown>> {
  try {
    const context = (await view.getContext()) as { extension?: { config?: unknown } };
    const config = context.extension?.config;
    return typeof config === 'object' && config !== null ? (config as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const container = document.getElementById('root');
if (container) {
  const root = createRoot(container);
  void Promise.all([bootstrap(), savedConfig()]).then(([, config]) => {
    root.render(
      <StrictMode>
        <ConfigApp saved={config} />
      </StrictMode>
    );
  });
}
