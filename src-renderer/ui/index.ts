export { DataTable, type Column } from './DataTable';
export { Dialog } from './Dialog';
export { ErrorMessage } from './ErrorMessage';
export { FieldError, describedBy, problemKey } from './FieldError';
export { FormActions } from './FormActions';
export { Loading } from './Loading';
export { LoadState } from './LoadState';
export { TextField } from './TextField';
export { DateInput } from './DateInput';
