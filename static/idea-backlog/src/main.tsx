import '@atlaskit/css-reset';
import '../../common/common.css';
import './backlog.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bootstrap } from '../../common/bootstrap';
import { setMessages } from '../../common/i18n';
import { commonEn, commonFr } from '../../common/messages/common';
import { ideasEn, ideasFr } from '../../common/messages/ideas';
import { App } from './App';

setMessages({ en: { ...commonEn, ...ideasEn }, fr: { ...commonFr, ...ideasFr } });

const container = document.getElementById('root');
if (container) {
  const root = createRoot(container);
  void bootstrap().then((host) => {
    root.render(
      <StrictMode>
        <App host={host} />
      </StrictMode>
    );
  });
}
