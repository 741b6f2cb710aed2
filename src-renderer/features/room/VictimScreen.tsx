import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VictimCatalog } from '../../../forms/victim-catalogs';
import { victimText } from '../../../forms/victim-catalogs';
import './room.css';

/**
 * The screen turned to her: a modal dialog over the whole window, her texts in large type, and
 * one way back for the officer (the button, or Escape). The native modal dialog keeps the
 * keyboard inside it and makes the officer's page inert behind it; closing gives the focus back
 * to the button that opened it.
 */
export function VictimScreen({
  catalog,
  titleKey,
  onClose,
  children,
}: {
  /** Her catalog (or, without one in her language, the procedure language's). */
  catalog: VictimCatalog;
  /** Her catalog's heading for what is shown (`sections.rights`...). */
  titleKey: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    // Her heading first, so that the screen reader names what she is shown before the way back.
    element.querySelector<HTMLElement>('h2')?.focus();
    return () => {
      if (element.open) element.close();
      opener?.focus();
    };
  }, []);
  const direction = catalog.meta.direction;
  return (
    <dialog
      ref={dialog}
      className="victim-screen"
      aria-labelledby="victim-screen-title"
      // Escape closes through React's state, so the dialog never stays open in the DOM behind it.
      onCancel={(event) => {
        event.preventDefault();
        onCloseRef.current();
      }}
    >
      <div className="victim-screen-bar">
        <button type="button" onClick={() => onCloseRef.current()}>
          {t('room.victimView.close')}
        </button>
      </div>
      {/* Her direction for the whole page: a right-to-left list numbers on the right. */}
      <div className="victim-screen-body" lang={catalog.meta.language} dir={direction}>
        <h2 id="victim-screen-title" tabIndex={-1}>
          {victimText(catalog, titleKey)}
        </h2>
        {children}
      </div>
    </dialog>
  );
}
