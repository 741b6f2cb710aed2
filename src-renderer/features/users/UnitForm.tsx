import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { UnitView } from '../../../src-main/api/contract';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { FormActions } from '../../ui/FormActions';
import { TextField } from '../../ui/TextField';
import { besideField, unitSchema } from './user-forms';

/** A new unit's name, or a unit's new name. */
export function UnitForm({
  id,
  unit,
  onSaved,
  onCancel,
}: {
  id: string;
  unit: UnitView | null;
  onSaved: (unit: UnitView) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const save = useMutation('units.save');
  const {
    register,
    handleSubmit,
    formState,
    reset,
    setError: setFieldError,
  } = useForm({ resolver: zodResolver(unitSchema), defaultValues: { name: unit?.name ?? '' } });
  const submit = handleSubmit(async (values) => {
    const result = await save.run(
      unit ? { id: unit.id, name: values.name } : { name: values.name },
      besideField(setFieldError, ['name']),
    );
    if (!result.ok) return;
    reset({ name: unit ? result.value.unit.name : '' });
    onSaved(result.value.unit);
  });
  return (
    <form
      className="unit-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      onKeyDown={(e) => e.key === 'Escape' && onCancel?.()}
    >
      <TextField
        id={id}
        label={unit ? t('units.newNameOf', { name: unit.name }) : t('units.newUnit')}
        autoComplete="off"
        autoFocus={unit !== null}
        error={formState.errors.name?.message}
        registration={register('name')}
      />
      <ErrorMessage error={save.error} />
      <FormActions
        submit={unit ? t('units.save') : t('units.add')}
        primary={unit !== null}
        pending={formState.isSubmitting}
        onCancel={onCancel}
        cancelLabel={t('users.cancel')}
      />
    </form>
  );
}
