import '@atlaskit/css-reset';
import '../../common/common.css';
import './retro.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bootstrap } from '../../common/bootstrap';
import { setMessages } from '../../common/i18n';
import { retroMessages } from './messages';
import { App } from './App';

setMessages(retroMessages);

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
