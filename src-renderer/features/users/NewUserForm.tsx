import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { UnitView, UserView } from '../../../src-main/api/contract';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { TextField } from '../../ui/TextField';
import { NewPasswordFields } from '../accounts/NewPasswordFields';
import { RoleSelect } from './RoleSelect';
import { UnitChoice } from './UnitChoice';
import { besideField, newUserSchema, unitOf, type Role } from './user-forms';

export function NewUserForm({
  units,
  passwordMinLength,
  onCreated,
}: {
  units: UnitView[];
  passwordMinLength: number | null;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const create = useMutation('users.create');
  const [created, setCreated] = useState<UserView | null>(null);
  const {
    register,
    handleSubmit,
    formState,
    reset,
    watch,
    setError: setFieldError,
  } = useForm({
    resolver: zodResolver(newUserSchema),
    defaultValues: {
      username: '',
      displayName: '',
      serviceNumber: '',
      password: '',
      role: 'officer' as Role,
      unitId: '',
    },
  });
  const role = watch('role');
  const submit = handleSubmit(async (values) => {
    setCreated(null);
    const result = await create.run(
      { ...values, unitId: unitOf(values) },
      besideField(setFieldError, ['username', 'displayName', 'serviceNumber', 'password', 'unitId']),
    );
    if (!result.ok) return;
    setCreated(result.value.user);
    // Back to an officer with no unit chosen: the next account never inherits an administrator's role.
    reset();
    onCreated();
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="narrow" aria-labelledby="new-user-title">
      <h2 id="new-user-title">{t('users.create')}</h2>
      <TextField
        id="new-username"
        label={t('account.username')}
        hint={t('users.usernameRule')}
        autoComplete="off"
        error={formState.errors.username?.message}
        registration={register('username')}
      />
      <TextField
        id="new-displayName"
        label={t('account.displayName')}
        autoComplete="off"
        error={formState.errors.displayName?.message}
        registration={register('displayName')}
      />
      <TextField
        id="new-serviceNumber"
        label={t('users.serviceNumber')}
        hint={t('users.serviceNumberHint')}
        autoComplete="off"
        error={formState.errors.serviceNumber?.message}
        registration={register('serviceNumber')}
      />
      <NewPasswordFields
        id="new-password"
        label={t('users.initialPassword')}
        minLength={passwordMinLength}
        error={formState.errors.password?.message}
        registration={register('password')}
      />
      <RoleSelect id="new-role" registration={register('role')} />
      <UnitChoice
        id="new-unitId"
        role={role}
        units={units}
        error={formState.errors.unitId?.message}
        registration={register('unitId')}
      />
      <ErrorMessage error={create.error} />
      {created ? (
        <p role="status" className="success">
          {t('users.created', { username: created.username })}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={formState.isSubmitting}>
        {t('users.createSubmit')}
      </button>
    </form>
  );
}
