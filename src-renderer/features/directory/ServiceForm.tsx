import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ChangeEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { VICTIM_LANGUAGES } from '../../../domain/languages';
import {
  REGIONS,
  SERVICE_KINDS,
  supportServiceSchema,
  type SupportServiceInput,
} from '../../../domain/support-directory';
import { useMutation } from '../../data/use-channel';
import { DateInput, ErrorMessage, FieldError, FormActions, TextField } from '../../ui';
import { isoDayToText, typedCalendarDay } from '../../ui/dates';

/** One service of the directory, new or edited; main checks it again with the same schema. */
export function ServiceForm({
  id,
  initial,
  onDone,
  onCancel,
}: {
  id: string | undefined;
  initial: SupportServiceInput;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const save = useMutation('directory.save');
  const { register, handleSubmit, formState, setValue, trigger } = useForm<SupportServiceInput>({
    resolver: zodResolver(supportServiceSchema),
    defaultValues: initial,
  });
  const [verifiedText, setVerifiedText] = useState(initial.verifiedOn ? isoDayToText(initial.verifiedOn) : '');
  const submit = handleSubmit(async (values) => {
    const result = await save.run(id ? { id, service: values } : { service: values });
    if (result.ok) onDone();
  });
  const errors = formState.errors;
  return (
    <form
      className="narrow directory-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="service-form-title"
    >
      <h2 id="service-form-title">{id ? t('directory.editTitle') : t('directory.add')}</h2>
      <TextField
        id="service-name"
        label={t('directory.name')}
        error={errors.name?.message}
        registration={register('name')}
        autoFocus
      />
      <div className="field">
        <label htmlFor="service-kind">{t('directory.kind')}</label>
        <select id="service-kind" {...register('kind')}>
          {SERVICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`directory.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="service-region">{t('directory.region')}</label>
        <select id="service-region" {...register('region')}>
          {REGIONS.map((r) => (
            <option key={r} value={r}>
              {t(`directory.regions.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field">
        <legend>{t('directory.languages')}</legend>
        <div className="language-checks">
          {VICTIM_LANGUAGES.map((code) => (
            <label key={code} className="choice">
              <input type="checkbox" value={code} {...register('languages')} />
              <span>{t(`language.${code}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <TextField
        id="service-hours"
        label={t('directory.hours')}
        error={errors.hours?.message}
        registration={register('hours')}
      />
      <TextField
        id="service-phone"
        label={t('directory.phone')}
        hint={t('directory.phoneHint')}
        error={errors.phone?.message}
        registration={register('phone')}
      />
      <TextField
        id="service-website"
        label={t('directory.website')}
        hint={t('directory.websiteHint')}
        error={errors.website?.message}
        registration={register('website')}
      />
      <div className="field">
        <label htmlFor="service-verified">{t('directory.verifiedOn')}</label>
        <DateInput
          id="service-verified"
          invalid={errors.verifiedOn ? true : undefined}
          describedBy={errors.verifiedOn ? 'service-verified-error' : undefined}
          registration={{
            value: verifiedText,
            // The day as typed; what the form holds is its ISO day, or the text itself, which the schema refuses.
            onChange: (e: ChangeEvent<HTMLInputElement>) => {
              setVerifiedText(e.target.value);
              const text = e.target.value.trim();
              setValue('verifiedOn', text === '' ? null : (typedCalendarDay(text) ?? text), {
                shouldValidate: errors.verifiedOn !== undefined,
              });
            },
            onBlur: () => void trigger('verifiedOn'),
          }}
        />
        <FieldError id="service-verified-error" problem={errors.verifiedOn?.message} />
      </div>
      <label className="choice">
        <input type="checkbox" {...register('active')} />
        <span>{t('directory.active')}</span>
      </label>
      <ErrorMessage error={save.error} />
      <FormActions
        submit={t('directory.save')}
        pending={formState.isSubmitting}
        onCancel={onCancel}
        cancelLabel={t('directory.cancel')}
      />
    </form>
  );
}
