import { useState } from 'react';
import { FormActions } from '../../ui';

/** Two steps, so a slip of the keyboard never removes a person and their answers. */
export function RemoveItemButton({
  label,
  confirmLabel,
  keepLabel,
  onRemove,
}: {
  label: string;
  confirmLabel: string;
  keepLabel: string;
  onRemove: () => void;
}) {
  const [armed, setArmed] = useState(false);
  return armed ? (
    <FormActions>
      <button type="button" className="danger" onClick={onRemove}>
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setArmed(false)} autoFocus>
        {keepLabel}
      </button>
    </FormActions>
  ) : (
    <button type="button" onClick={() => setArmed(true)}>
      {label}
    </button>
  );
}
