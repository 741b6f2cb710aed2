import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { VICTIM_LANGUAGES } from '../../../domain/languages';
import {
  REGIONS,
  SERVICE_KINDS,
  supportServiceSchema,
  type SupportServiceInput,
} from '../../../domain/support-directory';
import type { SupportServiceView } from '../../../src-main/api/contract';
import { call, type ApiError } from '../../api/client';
import { ErrorMessage, TextField } from '../../app/common';

const EMPTY: SupportServiceInput = {
  name: '',
  kind: 'victimSupport',
  region: 'national',
  languages: [],
  hours: '',
  phone: '',
  website: '',
  verifiedOn: null,
  active: true,
};

/**
 * The administrator keeps the directory that victims' copies draw their helplines from. An
 * entry nobody has checked says so, so a wrong number is found before it is printed.
 */
export function DirectoryScreen() {
  const { t } = useTranslation();
  const [services, setServices] = useState<SupportServiceView[]>([]);
  const [editing, setEditing] = useState<{ id?: string; values: SupportServiceInput } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    const result = await call('directory.list', {});
    if (result.ok) setServices(result.value.services);
    else setError(result.error);
  }, []);
  useEffect(() => void load(), [load]);

  return (
    <section className="page" aria-labelledby="directory-title">
      <div className="page-header">
        <h1 id="directory-title">{t('directory.title')}</h1>
        <button type="button" className="primary" onClick={() => setEditing({ values: EMPTY })}>
          {t('directory.add')}
        </button>
      </div>
      <p>{t('directory.intro')}</p>
      <ErrorMessage error={error} />
      {editing ? (
        <ServiceForm
          key={editing.id ?? 'new'}
          id={editing.id}
          initial={editing.values}
          onDone={() => {
            setEditing(null);
            void load();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <table className="list">
        <thead>
          <tr>
            <th scope="col">{t('directory.name')}</th>
            <th scope="col">{t('directory.region')}</th>
            <th scope="col">{t('directory.phone')}</th>
            <th scope="col">{t('directory.verifiedOn')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('directory.edit')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr key={s.id}>
              <td>
                {s.name}
                {s.active ? null : <> ({t('directory.inactive')})</>}
              </td>
              <td>{t(`directory.regions.${s.region}`)}</td>
              <td>
                <span className="phone">{s.phone}</span>
              </td>
              <td>{s.verifiedOn ?? <span className="badge">{t('directory.toVerify')}</span>}</td>
              <td>
                <button
                  type="button"
                  onClick={() => setEditing({ id: s.id, values: toInput(s) })}
                  aria-label={t('directory.editNamed', { name: s.name })}
                >
                  {t('directory.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function toInput(s: SupportServiceView): SupportServiceInput {
  return {
    name: s.name,
    kind: s.kind,
    region: s.region,
    languages: s.languages,
    hours: s.hours,
    phone: s.phone,
    website: s.website,
    verifiedOn: s.verifiedOn,
    active: s.active,
  };
}

function ServiceForm({
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
  const [error, setError] = useState<ApiError | null>(null);
  const { register, handleSubmit, formState, setValue, watch } = useForm<SupportServiceInput>({
    resolver: zodResolver(supportServiceSchema),
    defaultValues: initial,
  });
  const verifiedOn = watch('verifiedOn');
  const submit = handleSubmit(async (values) => {
    const result = await call('directory.save', id ? { id, service: values } : { service: values });
    if (!result.ok) return setError(result.error);
    onDone();
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
        <input
          id="service-verified"
          type="date"
          value={verifiedOn ?? ''}
          onChange={(e) =>
            setValue('verifiedOn', e.target.value === '' ? null : e.target.value, { shouldValidate: true })
          }
          aria-describedby={errors.verifiedOn ? 'service-verified-error' : undefined}
        />
        {errors.verifiedOn?.message ? (
          <p id="service-verified-error" className="field-error" role="alert">
            {t(errors.verifiedOn.message)}
          </p>
        ) : null}
      </div>
      <label className="choice">
        <input type="checkbox" {...register('active')} />
        <span>{t('directory.active')}</span>
      </label>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t('directory.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('directory.cancel')}
        </button>
      </div>
    </form>
  );
}
