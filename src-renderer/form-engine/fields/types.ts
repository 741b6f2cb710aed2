import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { UseFormRegister } from 'react-hook-form';
import type { SimpleFieldDefinition } from '../../../forms/definition-schema';
import type { AnswerValue } from '../../../forms/engine';
import type { SupportServiceView } from '../../../src-main/api/contract';
import type { Values } from './values';
import type { LanguageOption } from '../../language-option';

export interface FieldHistoryEntry {
  fieldId: string;
  value: AnswerValue;
  at: number;
  byName: string;
}

export interface HearingLanguages {
  victim: LanguageOption | null;
  procedure: LanguageOption | null;
}

/** What the form gives each control (FieldControl.tsx), whatever its kind. */
export interface FieldControlProps {
  /** The react-hook-form path: the field id, or `group.index.values.field` inside a group. */
  name: string;
  field: SimpleFieldDefinition;
  register: UseFormRegister<Values>;
  error: string | undefined;
  /** A catalog key: something for the officer to check that does not stop the answer being saved. */
  warning?: string | null | undefined;
  readOnly: boolean;
  periodMode?: string | undefined;
  /** The answer shown comes from an earlier step (`fromForm`) or is the question's default (null). */
  earlier?: { value: string; fromForm: string | null; draft?: true } | undefined;
  onBlur: () => void;
  languages?: HearingLanguages;
  services?: SupportServiceView[];
  /** For what was explained to her: when the answer was stored, shown beside it. */
  savedAt?: number | undefined;
  /**
   * From the form, not a hook per control: a large hearing has hundreds of controls, and each
   * useTranslation() would subscribe to i18n on its own.
   */
  t: TFunction;
  language: string;
  helpValues?: Record<string, string | number> | undefined;
  history?: FieldHistoryEntry[] | undefined;
}

/** The pieces every kind places around its inputs (field-parts.tsx), in the same places. */
export interface FieldParts {
  inputId: string;
  describedBy: string | undefined;
  invalid: true | undefined;
  help: ReactNode;
  explainedAt: ReactNode;
  historyList: ReactNode;
  /** Where a pre-filled answer comes from ("from step 4, Facts"), while the officer has not changed it. */
  earlierNote: ReactNode;
  errorText: ReactNode;
  /** A point to check that does not stop the answer being saved (a birth date the number contradicts). */
  warningText: ReactNode;
}

/** What one kind's control receives: its own definition, and the parts around its inputs. */
export interface KindProps<K extends SimpleFieldDefinition['kind']> {
  name: string;
  field: Extract<SimpleFieldDefinition, { kind: K }>;
  register: UseFormRegister<Values>;
  readOnly: boolean;
  onBlur: () => void;
  t: TFunction;
  parts: FieldParts;
  earlier?: { value: string; fromForm: string | null } | undefined;
}
