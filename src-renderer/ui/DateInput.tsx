import { useTranslation } from 'react-i18next';

/**
 * A date typed as Belgian police write it, dd/mm/yyyy (and hh:mm with `withTime`), in every
 * interface language and whatever the computer's or Chromium's locale: a text input, never
 * `type="date"`, whose order follows the browser. Turning the text into ISO (and back) is
 * `dates.ts`; the placeholder shows the order in the interface's words (jj/mm/aaaa, dd/mm/jjjj...).
 */
export function DateInput({
  id,
  withTime = false,
  describedBy,
  invalid,
  readOnly,
  registration,
}: {
  id?: string | undefined;
  withTime?: boolean;
  describedBy?: string | undefined;
  invalid?: boolean | undefined;
  readOnly?: boolean | undefined;
  registration: object;
}) {
  const { t } = useTranslation();
  return (
    <input
      id={id}
      type="text"
      className={withTime ? 'date-input with-time' : 'date-input'}
      placeholder={withTime ? t('answer.dateTimePlaceholder') : t('answer.datePlaceholder')}
      data-date-input={withTime ? 'dateTime' : 'date'}
      aria-describedby={describedBy}
      aria-invalid={invalid ? true : undefined}
      readOnly={readOnly}
      autoComplete="off"
      spellCheck={false}
      maxLength={withTime ? 24 : 16}
      {...registration}
    />
  );
}
