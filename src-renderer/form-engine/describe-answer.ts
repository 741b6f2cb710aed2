import type { TFunction } from 'i18next';
import type { SimpleFieldDefinition } from '../../forms/definition-schema';
import type { AnswerValue } from '../../forms/engine';
import type { SupportServiceView } from '../../src-main/api/contract';
import { formatNationalNumber } from '../../domain/national-number';
import { definitionKey } from '../../forms/translation';
import { isoDateTimeToText, isoDayToText } from '../ui/dates';

/** An answer as the officer reads it: option labels, not stored values; a period in words. */
export function describeAnswer(
  field: SimpleFieldDefinition,
  value: AnswerValue,
  services: SupportServiceView[],
  t: TFunction,
): string {
  if (value === null) return t('answer.history.cleared');
  switch (field.kind) {
    case 'singleChoice':
    case 'multiChoice': {
      const values = Array.isArray(value) ? value : [value];
      return values
        .map((v) => {
          const option = field.options.find((o) => o.value === v);
          // A value no option names (a damaged record) reads as stored.
          return option ? t(definitionKey(option.labelKey)) : String(v);
        })
        .join(', ');
    }
    case 'serviceChoice':
      return (Array.isArray(value) ? value : [])
        .map((id) => services.find((s) => s.id === id)?.name ?? String(id))
        .join(', ');
    case 'dateOrPeriod': {
      const period = value as { on?: string; from?: string; to?: string; about?: string };
      if (period.on) return `${t('answer.period.on')} ${isoDayToText(period.on)}`;
      if (period.about) return `${t('answer.period.about')} ${period.about}`;
      return `${t('answer.period.from')} ${period.from ? isoDayToText(period.from) : '?'} ${t('answer.period.to')} ${period.to ? isoDayToText(period.to) : '?'}`;
    }
    // Stored ISO, read dd/mm/yyyy as Belgian police write it, in every interface language.
    case 'date':
      return typeof value === 'string' ? isoDayToText(value) : JSON.stringify(value);
    case 'dateTime':
      return typeof value === 'string' ? isoDateTimeToText(value) : JSON.stringify(value);
    // Stored as its eleven digits, read YY.MM.DD-SSS.CC as on the identity card.
    case 'nationalNumber':
      return typeof value === 'string' ? (formatNationalNumber(value) ?? value) : JSON.stringify(value);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
