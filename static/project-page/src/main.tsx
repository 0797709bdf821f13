import '@atlaskit/css-reset';
import '../../common/common.css';
import './page.css';
import { view } from '@forge/bridge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bootstrap } from '../../common/bootstrap';
import { setMessages } from '../../common/i18n';
import { projectPageMessages } from './messages';
import { App, type ProjectContext } from './App';

/**
 * The project the page sits on, from the host's context: it only says which project to ask for
 * (the resolvers check the caller's access to it again).
 */
async function projectContext(): Promise<ProjectContext | undefined> {
  try {
    const context = (await view.getContext()) as {
      extension?: { project?: { id?: unknown; key?: unknown } };
    };
    const project = context.extension?.project;
    const id = project?.id;
    if (typeof id !== 'string' && typeof id !== 'number') return undefined;
    return { id: String(id), key: typeof project?.key === 'string' ? project.key : '' };
  } catch {
    return undefined;
  }
}

setMessages(projectPageMessages);

const container = document.getElementById('root');
if (container) {
  const root = createRoot(container);
  void Promise.all([bootstrap(), projectContext()]).then(([host, project]) => {
    root.render(
      <StrictMode>
        <App host={host} project={project} />
      </StrictMode>
    );
  });
}
