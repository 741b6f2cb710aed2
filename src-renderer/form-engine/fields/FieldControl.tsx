import { DateField } from './DateField';
import { useFieldParts } from './field-parts';
import { LongTextField } from './LongTextField';
import { MultiChoiceField } from './MultiChoiceField';
import { NationalNumberField } from './NationalNumberField';
import { PeriodField } from './PeriodField';
import { ServiceChoiceField } from './ServiceChoiceField';
import { ShortTextField } from './ShortTextField';
import { SingleChoiceField } from './SingleChoiceField';
import type { FieldControlProps } from './types';

/** The control of one question, by its kind (each kind in its own file beside this one). */
export function FieldControl(props: FieldControlProps) {
  const { name, field, register, readOnly, onBlur, t } = props;
  const common = { name, register, readOnly, onBlur, t, parts: useFieldParts(props) };
  switch (field.kind) {
    case 'singleChoice':
      return <SingleChoiceField {...common} field={field} earlier={props.earlier} />;
    case 'multiChoice':
      return <MultiChoiceField {...common} field={field} />;
    case 'serviceChoice':
      return <ServiceChoiceField {...common} field={field} services={props.services ?? []} />;
    case 'dateOrPeriod':
      return <PeriodField {...common} field={field} periodMode={props.periodMode} />;
    case 'longText':
      return <LongTextField {...common} field={field} />;
    case 'shortText':
      return <ShortTextField {...common} field={field} />;
    case 'date':
    case 'dateTime':
      return <DateField {...common} field={field} />;
    case 'nationalNumber':
      return <NationalNumberField {...common} field={field} />;
  }
}
