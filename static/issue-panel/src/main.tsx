import '@atlaskit/css-reset';
import '../../common/common.css';
import './panel.css';
import { view } from '@forge/bridge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bootstrap } from '../../common/bootstrap';
import { setMessages } from '../../common/i18n';
import { panelMessages } from './messages';
import { App } from './App';

interface PanelContext {
  issueId: string | undefined;
  accountId: string | undefined;
}

/**
 * The issue the panel sits on and who is looking, from the host's context: for display only
 * (the resolvers take identity from Forge's context and check access again).
 */
async function panelContext(): Promise<PanelContext> {
  try {
    const context = (await view.getContext()) as {
      accountId?: unknown;
      extension?: { issue?: { id?: unknown } };
    };
    const id = context.extension?.issue?.id;
    return {
      issueId: typeof id === 'string' || typeof id === 'number' ? String(id) : undefined,
      accountId: typeof context.accountId === 'string' ? context.accountId : undefined
    };
  } catch {
    return { issueId: undefined, accountId: undefined };
  }
}

setMessages(panelMessages);

const container = document.getElementById('root');
if (container) {
  const root = createRoot(container);
  void Promise.all([bootstrap(), panelContext()]).then(([host, { issueId, accountId }]) => {
    root.render(
      <StrictMode>
        <App host={host} issueId={issueId} me={accountId} />
      </StrictMode>
    );
  });
}
