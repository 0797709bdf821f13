import type { ReactNode } from 'react';

export type LozengeAppearance = 'default' | 'success' | 'removed' | 'inprogress' | 'new' | 'moved';

/** A status pill with the look of @atlaskit/lozenge, in plain CSS (see common.css). */
export function Lozenge({
  appearance = 'default',
  children
}: {
  appearance?: LozengeAppearance;
  children: ReactNode;
}) {
  const modifier = appearance === 'default' ? '' : ` tdm-lozenge--${appearance}`;
  return <span className={`tdm-lozenge${modifier}`}>{children}</span>;
}

export type MessageAppearance = 'information' | 'warning' | 'error' | 'success';

/** 24×24 glyphs in the spirit of the Atlassian icons; colour comes from CSS (currentColor). */
const ICON_PATHS: Record<MessageAppearance, string> = {
  information:
    'M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm0 8a1 1 0 0 0-1 1v6a1 1 0 0 0 2 0v-6a1 1 0 0 0-1-1zm0-4a1.25 1.25 0 1 0 0 2.5A1.25 1.25 0 0 0 12 6z',
  warning:
    'M13.3 3.8l8.4 15.1A1.5 1.5 0 0 1 20.4 21H3.6a1.5 1.5 0 0 1-1.3-2.1l8.4-15.1a1.5 1.5 0 0 1 2.6 0zM12 8a1 1 0 0 0-1 1v5a1 1 0 0 0 2 0V9a1 1 0 0 0-1-1zm0 8.25a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5z',
  error:
    'M8.3 2h7.4L22 8.3v7.4L15.7 22H8.3L2 15.7V8.3L8.3 2zM12 6a1 1 0 0 0-1 1v6a1 1 0 0 0 2 0V7a1 1 0 0 0-1-1zm0 9.25a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5z',
  success:
    'M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm4.3 6.3L10.5 14l-2.8-2.7a1 1 0 1 0-1.4 1.4l3.5 3.5a1 1 0 0 0 1.4 0l6.5-6.5a1 1 0 0 0-1.4-1.4z'
};

/**
 * The look of @atlaskit/section-message. Errors and warnings are announced (role=alert)
 * only when asked: a message present from the first render needs no interruption.
 */
export function SectionMessage({
  appearance = 'information',
  title,
  children,
  actions,
  announce = false,
  headingLevel = 2
}: {
  appearance?: MessageAppearance;
  title?: string;
  children?: ReactNode;
  actions?: ReactNode;
  announce?: boolean;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const modifier = appearance === 'information' ? '' : ` tdm-message--${appearance}`;
  return (
    <section className={`tdm-message${modifier}`} role={announce ? 'alert' : undefined}>
      <svg className="tdm-message__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path fill="currentColor" fillRule="evenodd" d={ICON_PATHS[appearance]} />
      </svg>
      <div className="tdm-message__body">
        {title !== undefined && <Heading className="tdm-message__title">{title}</Heading>}
        {children !== undefined && <div className="tdm-message__content">{children}</div>}
        {actions !== undefined && <div className="tdm-message__actions">{actions}</div>}
      </div>
    </section>
  );
}

export function Spinner({ label }: { label: string }) {
  return (
    <span role="status">
      <span className="tdm-spinner" aria-hidden="true" />
      <span className="tdm-sr-only">{label}</span>
    </span>
  );
}
