import { ChoiceFieldset } from './ChoiceFieldset';
import type { KindProps } from './types';

/** Several answers from a list: check boxes. */
export function MultiChoiceField(props: KindProps<'multiChoice'>) {
  return <ChoiceFieldset {...props} type="checkbox" />;
}
