import '@atlaskit/css-reset';
import '../../common/common.css';
import './settings.css';
import { view } from '@forge/bridge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bootstrap } from '../../common/bootstrap';
import { setMessages } from '../../common/i18n';
import { projectSettingsMessages } from './messages';
import { App } from './App';

/**
 * The project the settings page sits on, from the host's context: it only says which project to
 * ask for (the resolvers take identity from Forge's context and check access again).
 */
async function projectId(): Promise<string | undefined> {
  try {
    const context = (await view.getContext()) as { extension?: { project?: { id?: unknown } } };
    const id = context.extension?.project?.id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  } catch {
    return undefined;
  }
}

setMessages(projectSettingsMessages);

const container = document.getElementById('root');
if (container) {
  const root = createRoot(container);
  void Promise.all([bootstrap(), projectId()]).then(([host, id]) => {
    root.render(
      <StrictMode>
        <App host={host} projectId={id} />
      </StrictMode>
    );
  });
}
