import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { UnitView, UserView } from '../../../src-main/api/contract';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { FormActions } from '../../ui/FormActions';
import { TextField } from '../../ui/TextField';
import { RoleSelect } from './RoleSelect';
import { UnitChoice } from './UnitChoice';
import { besideField, editUserSchema, unitOf, type Role } from './user-forms';

export function EditUserForm({
  user,
  self,
  units,
  onDone,
  onCancel,
}: {
  user: UserView;
  self: boolean;
  units: UnitView[];
  onDone: (user: UserView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const update = useMutation('users.update');
  const {
    register,
    handleSubmit,
    formState,
    watch,
    setError: setFieldError,
  } = useForm({
    resolver: zodResolver(editUserSchema),
    defaultValues: {
      displayName: user.displayName,
      serviceNumber: user.serviceNumber ?? '',
      role: user.role as Role,
      unitId: user.unitId ?? '',
    },
  });
  const role = watch('role');
  const submit = handleSubmit(async (values) => {
    const result = await update.run(
      {
        userId: user.id,
        displayName: values.displayName,
        serviceNumber: values.serviceNumber,
        role: values.role,
        unitId: unitOf(values),
      },
      besideField(setFieldError, ['displayName', 'serviceNumber', 'role', 'unitId']),
    );
    if (result.ok) onDone(result.value.user);
  });
  return (
    <form
      className="narrow panel"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="edit-user-title"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <h2 id="edit-user-title">{t('users.editTitle', { username: user.username })}</h2>
      <TextField
        id="edit-displayName"
        label={t('account.displayName')}
        autoComplete="off"
        autoFocus
        error={formState.errors.displayName?.message}
        registration={register('displayName')}
      />
      <TextField
        id="edit-serviceNumber"
        label={t('users.serviceNumber')}
        hint={t('users.serviceNumberHint')}
        autoComplete="off"
        error={formState.errors.serviceNumber?.message}
        registration={register('serviceNumber')}
      />
      {self ? (
        // Changing her own role would take the accounts page away from under her: another administrator does it.
        <div className="field">
          <p className="field-label">{t('account.role')}</p>
          <p className="field-help">
            {t(`role.${user.role}`)} — {t('users.ownRoleFixed')}
          </p>
        </div>
      ) : (
        <RoleSelect id="edit-role" registration={register('role')} />
      )}
      <UnitChoice
        id="edit-unitId"
        role={role}
        units={units}
        error={formState.errors.unitId?.message}
        registration={register('unitId')}
      />
      {role !== user.role ? <p className="notice">{t('users.roleChangeSignsOut')}</p> : null}
      <ErrorMessage error={update.error} />
      <FormActions
        submit={t('users.save')}
        pending={formState.isSubmitting}
        onCancel={onCancel}
        cancelLabel={t('users.cancel')}
      />
    </form>
  );
}
