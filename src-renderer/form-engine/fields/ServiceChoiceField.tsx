import type { SupportServiceView } from '../../../src-main/api/contract';
import type { KindProps } from './types';
import { definitionKey } from '../../../forms/translation';

/** Services chosen from the support directory, each with its phone, region and whether it is verified. */
export function ServiceChoiceField({
  name,
  field,
  register,
  readOnly,
  onBlur,
  t,
  parts,
  services,
}: KindProps<'serviceChoice'> & { services: SupportServiceView[] }) {
  const registration = register(name, { onBlur });
  return (
    <fieldset className="field" aria-describedby={parts.describedBy} data-field={name}>
      <legend>{t(definitionKey(field.labelKey))}</legend>
      {parts.help}
      {services.length === 0 ? <p className="field-help">{t('directory.empty')}</p> : null}
      <ul className="service-choices">
        {services.map((service) => (
          <li key={service.id}>
            <label className="choice">
              <input type="checkbox" value={service.id} disabled={readOnly} {...registration} />
              <span>
                {service.name}
                {service.phone ? (
                  <>
                    {' · '}
                    <span className="phone">{service.phone}</span>
                  </>
                ) : null}
                {' · '}
                {t(`directory.regions.${service.region}`)}
                {service.verifiedOn ? null : (
                  <>
                    {' '}
                    <span className="badge">{t('directory.toVerify')}</span>
                  </>
                )}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {parts.errorText}
      {parts.warningText}
    </fieldset>
  );
}
