import type { FormDefinitionInput } from '../definition-schema';
import { YES_NO } from './options';

export const DOCUMENTS_FORM_ID = 'documents';

/**
 * Step 10: what the printed documents need beyond the hearing itself. It stays open after
 * closing: the report number often comes later, and the translation she asked for is sent later.
 */
export const documentsV1 = {
  id: DOCUMENTS_FORM_ID,
  version: 1,
  titleKey: 'form.documents.title',
  editableAfterClose: true,
  fields: [
    {
      id: 'pvNumber',
      kind: 'shortText',
      labelKey: 'form.documents.pvNumber.label',
      helpKey: 'form.documents.pvNumber.help',
      maxLength: 60,
    },
    {
      id: 'translationRequested',
      kind: 'singleChoice',
      labelKey: 'form.documents.translationRequested.label',
      helpKey: 'form.documents.translationRequested.help',
      options: YES_NO,
    },
    {
      id: 'translationSentOn',
      kind: 'date',
      labelKey: 'form.documents.translationSentOn.label',
      visibleWhen: { field: 'translationRequested', in: ['yes'] },
    },
    {
      id: 'interpreterTranslation',
      kind: 'longText',
      labelKey: 'form.documents.interpreterTranslation.label',
      helpKey: 'form.documents.interpreterTranslation.help',
      maxLength: 20_000,
    },
    {
      id: 'interpreterTranslationBy',
      kind: 'shortText',
      labelKey: 'form.documents.interpreterTranslationBy.label',
      maxLength: 200,
    },
    { id: 'interpreterTranslationAt', kind: 'dateTime', labelKey: 'form.documents.interpreterTranslationAt.label' },
    {
      id: 'immigrationArt747',
      kind: 'singleChoice',
      labelKey: 'form.documents.immigrationArt747.label',
      helpKey: 'form.documents.immigrationArt747.help',
      options: YES_NO,
    },
  ],
} satisfies FormDefinitionInput;
