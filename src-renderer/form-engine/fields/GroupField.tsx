import { useTranslation } from 'react-i18next';
import { useFieldArray, type Control, type UseFormRegister } from 'react-hook-form';
import type { GroupFieldDefinition } from '../../../forms/definition-schema';
import { isFieldVisible, type AnswerValue, type GroupItem } from '../../../forms/engine';
import { FieldError } from '../../ui';
import { FieldControl } from './FieldControl';
import { RemoveItemButton } from './RemoveItemButton';
import { toAnswer, toDraft, type PeriodDraft, type Values } from './values';
import { definitionKey } from '../../../forms/translation';
import { RoomDisclosure } from '../../features/room/RoomDisclosure';
import { useRoomReveal } from '../../features/room/room-mode';

interface GroupFieldProps {
  field: GroupFieldDefinition;
  control: Control<Values>;
  register: UseFormRegister<Values>;
  values: Values;
  error: string | undefined;
  readOnly: boolean;
  onChanged: (value: AnswerValue) => void;
  onBlur: () => void;
}

/** A repeated group: each item its own fieldset; removing one asks first, since it removes answers. */
export function GroupField({ field, control, register, values, error, readOnly, onChanged, onBlur }: GroupFieldProps) {
  const { t, i18n } = useTranslation();
  const {
    fields: items,
    append,
    remove,
  } = useFieldArray({ control, name: field.id as never, keyName: 'rhfId' as never });
  const current = (values[field.id] as GroupItem[] | undefined) ?? [];
  const notes = useRoomReveal();

  function add() {
    const item = {
      key: crypto.randomUUID(),
      values: Object.fromEntries(field.fields.map((sub) => [sub.id, toDraft(sub, undefined)])),
    };
    append(item as never);
    onChanged(toAnswer(field, [...current, item]));
  }

  function removeAt(index: number) {
    remove(index);
    onChanged(
      toAnswer(
        field,
        current.filter((_, i) => i !== index),
      ),
    );
  }

  return (
    <fieldset className="field group" data-field={field.id}>
      <legend>{t(definitionKey(field.labelKey))}</legend>
      {field.helpKey ? (
        <RoomDisclosure reveal={notes} id={`field-${field.id}-notes`} label={t('room.guidance')}>
          <p className="field-help">{t(definitionKey(field.helpKey))}</p>
        </RoomDisclosure>
      ) : null}
      {items.map((item, index) => {
        const itemValues = current[index]?.values ?? {};
        const answers = Object.fromEntries(field.fields.map((sub) => [sub.id, toAnswer(sub, itemValues[sub.id])]));
        return (
          <fieldset key={(item as unknown as { rhfId: string }).rhfId} className="group-item">
            <legend>{t(definitionKey(field.itemLabelKey), { number: index + 1 })}</legend>
            {field.fields
              .filter((sub) => isFieldVisible(sub, answers))
              .map((sub) => (
                <FieldControl
                  key={sub.id}
                  name={`${field.id}.${index}.values.${sub.id}`}
                  field={sub}
                  register={register}
                  error={undefined}
                  readOnly={readOnly}
                  periodMode={(itemValues[sub.id] as PeriodDraft | undefined)?.mode}
                  onBlur={onBlur}
                  t={t}
                  language={i18n.language}
                />
              ))}
            {readOnly ? null : (
              <RemoveItemButton
                label={t('answer.group.remove', { item: t(definitionKey(field.itemLabelKey), { number: index + 1 }) })}
                confirmLabel={t('answer.group.confirmRemove')}
                keepLabel={t('answer.group.keep')}
                onRemove={() => removeAt(index)}
              />
            )}
          </fieldset>
        );
      })}
      <FieldError problem={error} />
      {readOnly || items.length >= field.maxItems ? null : (
        <button type="button" onClick={add}>
          {t('answer.group.add', { item: t(definitionKey(field.itemLabelKey), { number: items.length + 1 }) })}
        </button>
      )}
    </fieldset>
  );
}
