import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A question in the page (confirm a deactivation, a lowering...): an `alertdialog` titled by its
 * heading and described by its text, focused when it opens, closed by Escape.
 */
export function Dialog({
  id,
  title,
  text,
  onCancel,
  className = 'panel narrow confirm',
  children,
}: {
  /** Prefix of the title's and the text's ids. */
  id: string;
  title: ReactNode;
  text?: ReactNode;
  onCancel: () => void;
  className?: string;
  /** The error and the actions under the text. */
  children?: ReactNode;
}) {
  const self = useRef<HTMLDivElement>(null);
  useEffect(() => self.current?.focus(), []);
  return (
    <div
      className={className}
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={text ? `${id}-text` : undefined}
      tabIndex={-1}
      ref={self}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {text ? <p id={`${id}-text`}>{text}</p> : null}
      {children}
    </div>
  );
}
