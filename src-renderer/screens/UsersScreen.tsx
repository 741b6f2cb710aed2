import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useForm, type FieldValues, type Path, type UseFormSetError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SERVICE_NUMBER_MAX_LENGTH, SERVICE_NUMBER_PATTERN } from '../../domain/service-number';
import type { UnitView, UserView } from '../../src-main/api/contract';
import { call, type ApiError } from '../api/client';
import { ErrorMessage, TextField } from '../app/common';

const ROLES = ['officer', 'supervisor', 'administrator'] as const;
type Role = (typeof ROLES)[number];
const required = z.string().trim().min(1, { error: 'form.required' });
// The same rule as main's, so a refused username says why before anything is sent.
const username = required.toLowerCase().regex(/^[a-z0-9._-]{3,64}$/, { error: 'users.usernameRule' });
const unitRule = { path: ['unitId'], error: 'error.UNIT_REQUIRED' };
// Main's rule (domain/service-number.ts): optional, printed on documents in place of her name.
const serviceNumber = z
  .string()
  .trim()
  .max(SERVICE_NUMBER_MAX_LENGTH, { error: 'users.serviceNumberTooLong' })
  .regex(SERVICE_NUMBER_PATTERN, { error: 'users.serviceNumberRule' });
const needsUnit = (v: { role: Role; unitId: string }) => v.role === 'administrator' || v.unitId !== '';

const newUserSchema = z
  .object({
    username,
    displayName: required,
    serviceNumber,
    password: required,
    role: z.enum(ROLES),
    unitId: z.string(),
  })
  .refine(needsUnit, unitRule);
const editUserSchema = z
  .object({ displayName: required, serviceNumber, role: z.enum(ROLES), unitId: z.string() })
  .refine(needsUnit, unitRule);
const resetSchema = z.object({ password: required });
const unitSchema = z.object({ name: required.max(80, { error: 'units.nameTooLong' }) });

/** Administrators belong to no unit, whatever the form still holds from another role. */
const unitOf = (v: { role: Role; unitId: string }) => (v.role === 'administrator' || v.unitId === '' ? null : v.unitId);

/** Puts a refusal from main next to the field it is about, or returns it for the form's banner. */
function placeError<T extends FieldValues>(
  error: ApiError,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): ApiError | null {
  const field = fields.find((f) => error.fields?.includes(f));
  if (!field) return error;
  setError(field, { message: `error.${error.code}` }, { shouldFocus: true });
  return null;
}

type Panel = { kind: 'edit' | 'reset' | 'active'; user: UserView };
/** What was just done, kept as data so that it follows a change of interface language. */
type Done = { kind: 'updated' | 'passwordReset' | 'deactivated' | 'reactivated'; username: string };

function DoneMessage({ done }: { done: Done }) {
  const { t } = useTranslation();
  const { username } = done;
  const text = {
    updated: () => t('users.updated', { username }),
    passwordReset: () => t('users.passwordReset', { username }),
    deactivated: () => t('users.deactivated', { username }),
    reactivated: () => t('users.reactivated', { username }),
  }[done.kind]();
  return (
    <p role="status" className="success">
      {text}
    </p>
  );
}

/** The administrator's accounts page: administrators manage people, they do not read hearings. */
export function UsersScreen({ currentUser }: { currentUser: UserView }) {
  const { t } = useTranslation();
  const [users, setUsers] = useState<UserView[]>([]);
  const [units, setUnits] = useState<UnitView[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [notice, setNotice] = useState<Done | null>(null);
  const [passwordMinLength, setPasswordMinLength] = useState<number | null>(null);
  // Where focus goes back to when a panel closes: the button that opened it.
  const opener = useRef<HTMLElement | null>(null);

  const load = useCallback(async () => {
    const [usersResult, unitsResult] = await Promise.all([call('users.list', {}), call('units.list', {})]);
    if (usersResult.ok) setUsers(usersResult.value.users);
    if (unitsResult.ok) setUnits(unitsResult.value.units);
    setError(!usersResult.ok ? usersResult.error : !unitsResult.ok ? unitsResult.error : null);
  }, []);
  useEffect(() => {
    void load();
    void call('setup.status', {}).then((result) => result.ok && setPasswordMinLength(result.value.passwordMinLength));
  }, [load]);

  const unitName = (unitId: string | null) => units.find((u) => u.id === unitId)?.name ?? '';
  const open = (kind: Panel['kind'], user: UserView) => (event: React.MouseEvent<HTMLElement>) => {
    opener.current = event.currentTarget;
    setNotice(null);
    setPanel({ kind, user });
  };
  const close = (done?: Done) => {
    setPanel(null);
    if (done) setNotice(done);
    void load();
    const target = opener.current;
    requestAnimationFrame(() => target?.focus());
  };

  return (
    <section className="page wide" aria-labelledby="users-title">
      <h1 id="users-title">{t('users.title')}</h1>
      <ErrorMessage error={error} />
      <table className="list users-list">
        <thead>
          <tr>
            <th scope="col">{t('account.username')}</th>
            <th scope="col">{t('account.displayName')}</th>
            <th scope="col">{t('users.serviceNumber')}</th>
            <th scope="col">{t('account.role')}</th>
            <th scope="col">{t('users.unit')}</th>
            <th scope="col">{t('users.state')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('users.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => {
            const self = u.id === currentUser.id;
            return (
              <tr key={u.id} className={u.active ? undefined : 'inactive'}>
                <td>
                  {u.username}
                  {self ? <> ({t('users.you')})</> : null}
                </td>
                <td>{u.displayName}</td>
                <td>{u.serviceNumber}</td>
                <td>{t(`role.${u.role}`)}</td>
                <td>
                  {u.role === 'administrator' ? <span className="muted">{t('users.noUnit')}</span> : unitName(u.unitId)}
                </td>
                <td>
                  {u.active ? t('users.active') : <span className="badge">{t('users.inactive')}</span>}
                  {u.active && u.mustChangePassword ? (
                    <>
                      {' '}
                      <span className="badge">{t('users.mustChangePassword')}</span>
                    </>
                  ) : null}
                </td>
                <td>
                  <div className="row-actions">
                    <button
                      type="button"
                      onClick={open('edit', u)}
                      aria-label={t('users.editNamed', { username: u.username })}
                    >
                      {t('users.edit')}
                    </button>
                    {self ? null : (
                      <>
                        <button
                          type="button"
                          onClick={open('reset', u)}
                          aria-label={t('users.resetPasswordNamed', { username: u.username })}
                        >
                          {t('users.resetPassword')}
                        </button>
                        <button
                          type="button"
                          className={u.active ? 'danger' : undefined}
                          onClick={open('active', u)}
                          aria-label={
                            u.active
                              ? t('users.deactivateNamed', { username: u.username })
                              : t('users.reactivateNamed', { username: u.username })
                          }
                        >
                          {u.active ? t('users.deactivate') : t('users.reactivate')}
                        </button>
                      </>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {notice ? <DoneMessage done={notice} /> : null}
      {panel?.kind === 'edit' ? (
        <EditUserForm
          key={panel.user.id}
          user={panel.user}
          self={panel.user.id === currentUser.id}
          units={units}
          onDone={(user) => close({ kind: 'updated', username: user.username })}
          onCancel={() => close()}
        />
      ) : null}
      {panel?.kind === 'reset' ? (
        <ResetPasswordForm
          key={panel.user.id}
          user={panel.user}
          passwordMinLength={passwordMinLength}
          onDone={(user) => close({ kind: 'passwordReset', username: user.username })}
          onCancel={() => close()}
        />
      ) : null}
      {panel?.kind === 'active' ? (
        <ConfirmActive
          key={panel.user.id}
          user={panel.user}
          onDone={(user) => close({ kind: user.active ? 'reactivated' : 'deactivated', username: user.username })}
          onCancel={() => close()}
        />
      ) : null}
      <NewUserForm units={units} passwordMinLength={passwordMinLength} onCreated={() => void load()} />
      <UnitsSection units={units} users={users} onChanged={() => void load()} />
    </section>
  );
}

function UnitSelect({
  id,
  units,
  error,
  registration,
}: {
  id: string;
  units: UnitView[];
  error: string | undefined;
  registration: object;
}) {
  const { t } = useTranslation();
  const describedBy =
    [units.length === 0 ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{t('users.unit')}</label>
      {units.length === 0 ? (
        <p id={`${id}-hint`} className="field-help">
          {t('users.noUnitsYet')}
        </p>
      ) : null}
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...registration}>
        <option value="">{t('users.chooseUnit')}</option>
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

function RoleSelect({ id, registration }: { id: string; registration: object }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t('account.role')}</label>
      <select id={id} {...registration}>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`role.${role}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Officers and supervisors choose a unit; administrators are told they have none. */
function UnitChoice({
  id,
  role,
  units,
  error,
  registration,
}: {
  id: string;
  role: Role;
  units: UnitView[];
  error: string | undefined;
  registration: object;
}) {
  const { t } = useTranslation();
  if (role === 'administrator') return <p className="field-help">{t('users.administratorsHaveNoUnit')}</p>;
  return <UnitSelect id={id} units={units} error={error} registration={registration} />;
}

function NewUserForm({
  units,
  passwordMinLength,
  onCreated,
}: {
  units: UnitView[];
  passwordMinLength: number | null;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
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
    setError(null);
    setCreated(null);
    const result = await call('users.create', { ...values, unitId: unitOf(values) });
    if (!result.ok)
      return setError(
        placeError(result.error, setFieldError, ['username', 'displayName', 'serviceNumber', 'password', 'unitId']),
      );
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
      <TextField
        id="new-password"
        type="password"
        label={t('users.initialPassword')}
        hint={passwordMinLength ? t('account.passwordHint', { count: passwordMinLength }) : undefined}
        autoComplete="new-password"
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
      <ErrorMessage error={error} />
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

function EditUserForm({
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
  const [error, setError] = useState<ApiError | null>(null);
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
    setError(null);
    const result = await call('users.update', {
      userId: user.id,
      displayName: values.displayName,
      serviceNumber: values.serviceNumber,
      role: values.role,
      unitId: unitOf(values),
    });
    if (!result.ok)
      return setError(placeError(result.error, setFieldError, ['displayName', 'serviceNumber', 'role', 'unitId']));
    onDone(result.value.user);
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
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t('users.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('users.cancel')}
        </button>
      </div>
    </form>
  );
}

function ResetPasswordForm({
  user,
  passwordMinLength,
  onDone,
  onCancel,
}: {
  user: UserView;
  passwordMinLength: number | null;
  onDone: (user: UserView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const {
    register,
    handleSubmit,
    formState,
    setError: setFieldError,
  } = useForm({ resolver: zodResolver(resetSchema), defaultValues: { password: '' } });
  const submit = handleSubmit(async (values) => {
    setError(null);
    const result = await call('users.resetPassword', { userId: user.id, password: values.password });
    if (!result.ok) return setError(placeError(result.error, setFieldError, ['password']));
    onDone(result.value.user);
  });
  const hint = [
    t('users.temporaryPasswordHint'),
    passwordMinLength ? t('account.passwordHint', { count: passwordMinLength }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <form
      className="narrow panel"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="reset-title"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <h2 id="reset-title">{t('users.resetTitle', { username: user.username })}</h2>
      <TextField
        id="reset-password"
        type="password"
        label={t('users.temporaryPassword')}
        hint={hint}
        autoComplete="new-password"
        autoFocus
        error={formState.errors.password?.message}
        registration={register('password')}
      />
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t('users.resetSubmit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('users.cancel')}
        </button>
      </div>
    </form>
  );
}

function ConfirmActive({
  user,
  onDone,
  onCancel,
}: {
  user: UserView;
  onDone: (user: UserView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const question = useRef<HTMLDivElement>(null);
  useEffect(() => question.current?.focus(), []);
  const confirm = async () => {
    setBusy(true);
    const result = await call('users.setActive', { userId: user.id, active: !user.active });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onDone(result.value.user);
  };
  const deactivating = user.active;
  return (
    <div
      className="panel narrow confirm"
      role="alertdialog"
      aria-labelledby="confirm-active-title"
      aria-describedby="confirm-active-text"
      tabIndex={-1}
      ref={question}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <h2 id="confirm-active-title">
        {deactivating
          ? t('users.deactivateTitle', { username: user.username })
          : t('users.reactivateTitle', { username: user.username })}
      </h2>
      <p id="confirm-active-text">
        {deactivating
          ? t('users.deactivateExplained', { name: user.displayName })
          : t('users.reactivateExplained', { name: user.displayName })}
      </p>
      <ErrorMessage error={error} />
      <div className="actions">
        <button
          type="button"
          className={deactivating ? 'primary danger-primary' : 'primary'}
          disabled={busy}
          onClick={() => void confirm()}
        >
          {deactivating ? t('users.confirmDeactivate') : t('users.confirmReactivate')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('users.cancel')}
        </button>
      </div>
    </div>
  );
}

/** The zone's units: officers and supervisors each belong to one. Units are renamed, never removed. */
function UnitsSection({ units, users, onChanged }: { units: UnitView[]; users: UserView[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'created' | 'renamed'; name: string } | null>(null);
  const members = (unitId: string) => users.filter((u) => u.active && u.unitId === unitId).length;
  return (
    <section aria-labelledby="units-title" className="units">
      <h2 id="units-title">{t('units.title')}</h2>
      <p>{t('units.intro')}</p>
      {units.length > 0 ? (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('units.name')}</th>
              <th scope="col">{t('units.members')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('users.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {units.map((unit) =>
              renaming === unit.id ? (
                <tr key={unit.id}>
                  <td colSpan={3}>
                    <UnitForm
                      id={`rename-unit-${unit.id}`}
                      unit={unit}
                      onSaved={(saved) => {
                        setRenaming(null);
                        setNotice({ kind: 'renamed', name: saved.name });
                        onChanged();
                        requestAnimationFrame(() => document.getElementById(`rename-${unit.id}`)?.focus());
                      }}
                      onCancel={() => {
                        setRenaming(null);
                        requestAnimationFrame(() => document.getElementById(`rename-${unit.id}`)?.focus());
                      }}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={unit.id}>
                  <td>{unit.name}</td>
                  <td>{members(unit.id)}</td>
                  <td>
                    <button
                      type="button"
                      id={`rename-${unit.id}`}
                      onClick={() => {
                        setNotice(null);
                        setRenaming(unit.id);
                      }}
                      aria-label={t('units.renameNamed', { name: unit.name })}
                    >
                      {t('units.rename')}
                    </button>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      ) : (
        <p className="notice">{t('units.none')}</p>
      )}
      {notice ? (
        <p role="status" className="success">
          {notice.kind === 'created'
            ? t('units.created', { name: notice.name })
            : t('units.renamed', { name: notice.name })}
        </p>
      ) : null}
      <UnitForm
        id="new-unit-name"
        unit={null}
        onSaved={(saved) => {
          setNotice({ kind: 'created', name: saved.name });
          onChanged();
        }}
      />
    </section>
  );
}

function UnitForm({
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
  const [error, setError] = useState<ApiError | null>(null);
  const {
    register,
    handleSubmit,
    formState,
    reset,
    setError: setFieldError,
  } = useForm({ resolver: zodResolver(unitSchema), defaultValues: { name: unit?.name ?? '' } });
  const submit = handleSubmit(async (values) => {
    setError(null);
    const result = await call('units.save', unit ? { id: unit.id, name: values.name } : { name: values.name });
    if (!result.ok) return setError(placeError(result.error, setFieldError, ['name']));
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
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className={unit ? 'primary' : undefined} disabled={formState.isSubmitting}>
          {unit ? t('units.save') : t('units.add')}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('users.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
