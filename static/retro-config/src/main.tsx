import '@atlaskit/css-reset';
import '../../common/common.css';
import './config.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bootstrap } from '../../common/bootstrap';
import { setMessages } from '../../common/i18n';
import { retroMessages } from './messages';
import { ConfigApp } from './ConfigApp';

setMessages(retroMessages);

const container = document.getElementById('root');
if (container) {
  const root = createRoot(container);
  void bootstrap().then(() => {
    root.render(
      <StrictMode>
        <ConfigApp />
      </StrictMode>
    );
  });
}
