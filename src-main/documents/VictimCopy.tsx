import { createContext, useContext, type ReactNode } from 'react';
import { victimText, type VictimCatalog } from '../../forms/victim-catalogs';
import { Ltr } from './DocumentPage';
import { formatDateTime, formatLocalDate } from './format';
import type { SafeText, VictimCopyModel } from './victim-copy-model';

interface Languages {
  /** Her catalog (the procedure language's when hers has none). */
  her: VictimCatalog;
  /** The procedure language's catalog, when it differs from hers: printed beside each text. */
  procedure: VictimCatalog | null;
}

const LanguagesContext = createContext<Languages | null>(null);

function useLanguages(): Languages {
  const languages = useContext(LanguagesContext);
  if (!languages) throw new Error('VictimCopy texts outside a VictimCopy');
  return languages;
}

function text(catalog: VictimCatalog, key: string): string {
  const found = victimText(catalog, key);
  if (found === undefined) throw new Error(`The victim catalog ${catalog.meta.language} has no text ${key}`);
  return found;
}

/** A text in her language, with the procedure language's below it (smaller) when they differ. */
function Both({ k }: { k: string }) {
  const { her, procedure } = useLanguages();
  return (
    <>
      {text(her, k)}
      {procedure ? (
        <span className="procedure" lang={procedure.meta.language} dir={procedure.meta.direction}>
          {text(procedure, k)}
        </span>
      ) : null}
    </>
  );
}

/** Her language only (explanations; the legal headings carry the procedure language). */
function Hers({ k }: { k: string }) {
  return <>{text(useLanguages().her, k)}</>;
}

/** A catalog text whose `{{placeholders}}` are filled with elements (kept left to right, or withheld). */
function Template({ catalog, k, slots }: { catalog: VictimCatalog; k: string; slots: Record<string, ReactNode> }) {
  return (
    <>
      {text(catalog, k)
        .split(/(\{\{\w+\}\})/)
        .map((piece, i) => {
          const name = /^\{\{(\w+)\}\}$/.exec(piece)?.[1];
          return <span key={i}>{name !== undefined && name in slots ? slots[name] : piece}</span>;
        })}
    </>
  );
}

function Safe({ value }: { value: SafeText }) {
  return (
    <>
      {value.map((piece, i) =>
        'withheld' in piece ? (
          <span key={i} className="withheld">
            <Hers k="copy.withheld" />
          </span>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">
        <Both k={label} />
      </th>
      <td>{children}</td>
    </tr>
  );
}

function Period({ period }: { period: NonNullable<VictimCopyModel['elements']['period']> }) {
  const { her } = useLanguages();
  if ('on' in period) return <Ltr>{formatLocalDate(period.on)}</Ltr>;
  if ('from' in period) return <Template catalog={her} k="elements.between" slots={{ from: <Ltr>{formatLocalDate(period.from)}</Ltr>, to: <Ltr>{formatLocalDate(period.to)}</Ltr> }} />;
  return <>{period.about}</>;
}

/** A text in both languages with one `{{name}}` filled by an element kept left to right. */
function WithLtr({ k, name, value }: { k: string; name: string; value: string }) {
  const { her, procedure } = useLanguages();
  return (
    <>
      <Template catalog={her} k={k} slots={{ [name]: <Ltr>{value}</Ltr> }} />
      {procedure ? (
        <span className="procedure" lang={procedure.meta.language} dir={procedure.meta.direction}>
          <Template catalog={procedure} k={k} slots={{ [name]: <Ltr>{value}</Ltr> }} />
        </span>
      ) : null}
    </>
  );
}

export interface VictimCopyProps {
  model: VictimCopyModel;
  languages: Languages;
  printedAt: number;
  reprint: boolean;
}

/** The victim's copy (victim-copy.md): a pure function of the model and the two catalogs. */
export function VictimCopy({ model, languages, printedAt, reprint }: VictimCopyProps) {
  const { her, procedure } = languages;
  const full = model.variant === 'full';
  const languageName = (code: string) => (code === her.meta.language ? her.meta.name : code === procedure?.meta.language ? procedure.meta.name : code);
  return (
    <LanguagesContext.Provider value={languages}>
      <header>
        <h1>
          <Both k={full ? 'copy.title' : 'copy.discreetTitle'} />
        </h1>
        <p className="subtitle">
          <Both k={full ? 'copy.subtitle' : 'copy.discreetSubtitle'} />
        </p>
        <p>
          <Both k="copy.free" />
        </p>
        {procedure ? (
          <p className="muted">
            <Hers k="copy.languageNote" />
          </p>
        ) : null}
      </header>

      {model.header ? (
        <table>
          <tbody>
            <Row label="header.unit">{model.header.unitName ?? <Both k="header.notRecorded" />}</Row>
            <Row label="header.pvNumber">{model.header.pvNumber ? <Ltr>{model.header.pvNumber}</Ltr> : <Both k="header.notRecorded" />}</Row>
            <Row label="header.hearingDate">
              <Ltr>{formatDateTime(model.header.hearingAt)}</Ltr>
            </Row>
            <Row label="header.officer">{model.header.officer ? <Ltr>{model.header.officer}</Ltr> : <Both k="header.notRecorded" />}</Row>
            <Row label="header.procedureLanguage">{languageName(model.procedureLanguage)}</Row>
            <Row label="header.victimLanguage">{model.victimLanguage === 'other' ? (model.victimLanguageOther ?? '') : languageName(model.victimLanguage)}</Row>
            <Row label="header.interpreter">
              {model.header.interpreter.present ? <WithLtr k="header.interpreterYes" name="reference" value={model.header.interpreter.reference ?? '—'} /> : <Both k="header.interpreterNo" />}
            </Row>
          </tbody>
        </table>
      ) : null}

      <section>
        <h2>
          <Both k="sections.rights" />
        </h2>
        <ul>
          {model.rights.map((right) => (
            <li key={right.key}>
              <Both k={`rights.${right.key}`} />
              <span className="muted">
                {' '}
                <Hers k={right.explained ? 'rightsDone.explained' : 'rightsDone.notExplained'} />
                {right.done.map((done) => (
                  <span key={done}>
                    {' '}
                    <Hers k={`rightsDone.${done}`} />
                  </span>
                ))}
              </span>
              {right.answer ? (
                <span className="muted">
                  {' '}
                  <Template
                    catalog={her}
                    k="rightsDone.yourAnswer"
                    slots={{
                      answer: (
                        <span lang={model.procedureLanguage}>
                          <Safe value={right.answer} />
                        </span>
                      ),
                    }}
                  />
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h2>
          <Both k="sections.mainElements" />
        </h2>
        <table>
          <tbody>
            <Row label="elements.factsPeriod">{model.elements.period ? <Period period={model.elements.period} /> : <Both k="elements.none" />}</Row>
            <Row label="elements.factsPlace">{model.elements.place ? <Safe value={model.elements.place} /> : <Both k="elements.none" />}</Row>
            <Row label="elements.formsOfViolence">
              {model.elements.forms.length > 0 ? (
                <ul>
                  {model.elements.forms.map((form) => (
                    <li key={form}>
                      <Both k={`violence.${form}`} />
                    </li>
                  ))}
                </ul>
              ) : (
                <Both k="elements.none" />
              )}
            </Row>
            <Row label="elements.children">
              {model.elements.children.length > 0 ? (
                <ul>
                  {model.elements.children.map((child, i) => (
                    <li key={i}>{child === 'generic' ? <Hers k="elements.yourChild" /> : <Safe value={child} />}</li>
                  ))}
                </ul>
              ) : (
                <Both k="elements.none" />
              )}
            </Row>
            <Row label="elements.evidence">
              {model.elements.evidence.length > 0 ? (
                <ul>
                  {model.elements.evidence.map((item) => (
                    <li key={item.label}>
                      <Template catalog={her} k="elements.evidenceItem" slots={{ reference: <Ltr>{item.label}</Ltr>, type: <Hers k={`evidenceTypes.${item.type}`} /> }} />
                    </li>
                  ))}
                </ul>
              ) : (
                <Both k="elements.none" />
              )}
            </Row>
          </tbody>
        </table>
        {model.translation.interpreter ? (
          <div className="box" lang={her.meta.language}>
            <h3>
              <Both k="statement.interpreterTranslationTitle" />
            </h3>
            <p className="verbatim">
              <Safe value={model.translation.interpreter.text} />
            </p>
            <p className="muted">
              <InterpreterNote by={model.translation.interpreter.by} at={model.translation.interpreter.at} />
            </p>
          </div>
        ) : null}
      </section>

      {model.statement ? (
        <section>
          <h2>
            <Both k="sections.statement" />
          </h2>
          <p>
            <Both k="statement.procedureNote" />
          </p>
          <p className="muted">
            <WithLtr k="statement.approvedAt" name="date" value={formatDateTime(model.statement.approvedAt)} />
          </p>
          <div className="verbatim" lang={model.procedureLanguage} dir="ltr">
            <Safe value={model.statement.text} />
          </div>
          {model.statement.addenda.map((addendum, i) => (
            <div key={i}>
              <h3>
                <WithLtr k="statement.addendum" name="date" value={formatDateTime(addendum.createdAt)} />
              </h3>
              <div className="verbatim" lang={model.procedureLanguage} dir="ltr">
                <Safe value={addendum.text} />
              </div>
            </div>
          ))}
          {model.translation.offered ? (
            <div className="box">
              <p>
                <Both k="statement.translationOffer" />
              </p>
              <p>
                <strong>
                  <Both k={model.translation.requested ? 'statement.translationRequested' : 'statement.translationNotRequested'} />
                </strong>
              </p>
            </div>
          ) : null}
        </section>
      ) : null}

      <section>
        <h2>
          <Both k="sections.measures" />
        </h2>
        {model.measures.map((measure) => (
          <div key={measure.key}>
            <h3>
              <Both k={`measures.${measure.key}`} />
            </h3>
            <p>
              <Hers k={`measures.${measure.key}Explained`} />
            </p>
            <p className="muted">
              <Hers k="measures.positionLabel" />: {measure.position ? <Hers k={`measures.position.${measure.position}`} /> : <Hers k="header.notRecorded" />}
              {' · '}
              <Hers k="measures.stateLabel" />: {measure.state ? <Hers k={`measures.state.${measure.state}`} /> : <Hers k="header.notRecorded" />}
            </p>
          </div>
        ))}
        <p className="box">
          <Both k="measures.refusalKeepsRights" />
        </p>
      </section>

      <section>
        <h2>
          <Both k="sections.help" />
        </h2>
        <p>
          <strong>
            <Both k="help.emergency" />
          </strong>
        </p>
        <p>
          <Hers k="help.intro" />
        </p>
        <ul>
          {model.services.map((service) => (
            <li key={`${service.name}-${service.phone}-${service.website}`}>
              <strong>
                <bdi>{service.name}</bdi>
              </strong>
              <span className="muted">
                {' · '}
                <Hers k={`help.kind.${service.kind}`} />
                {' · '}
                <Hers k={`help.region.${service.region}`} />
              </span>
              {service.phone ? (
                <>
                  <br />
                  <Hers k="help.phone" />: <span className="phone"><Ltr>{service.phone}</Ltr></span>
                </>
              ) : null}
              {service.website ? (
                <>
                  <br />
                  <Hers k="help.website" />: <Ltr>{service.website}</Ltr>
                </>
              ) : null}
              {service.hours ? (
                <>
                  <br />
                  <Hers k="help.hours" />: <Ltr>{service.hours}</Ltr>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section className="safety">
        <h2>
          <Both k="sections.safety" />
        </h2>
        <p>
          <Hers k="safety.keepSafe" />
        </p>
        <p>
          <Hers k="safety.alternatives" />
        </p>
        <p>
          <Hers k="safety.phone" />
        </p>
      </section>

      <p className="printed">
        <WithLtr k="footer.printedOn" name="date" value={formatDateTime(printedAt)} />
        {reprint ? (
          <>
            {' · '}
            <Both k="footer.reprint" />
          </>
        ) : null}
        {full ? (
          <>
            {' · '}
            <Ltr>{model.reference}</Ltr>
          </>
        ) : null}
      </p>
    </LanguagesContext.Provider>
  );
}

function InterpreterNote({ by, at }: { by: string | null; at: string | null }) {
  const { her } = useLanguages();
  return <Template catalog={her} k="statement.interpreterTranslationBy" slots={{ interpreter: <Ltr>{by ?? '—'}</Ltr>, date: <Ltr>{at ? formatLocalDate(at) : '—'}</Ltr> }} />;
}
