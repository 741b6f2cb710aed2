import { createContext, useContext, type ReactNode } from 'react';
import { victimText, type VictimCatalog } from '../../forms/victim-catalogs';
import { Ltr } from './DocumentPage';
import { formatDateTime, formatLocalDate } from './format';
import type { LeafletModel, PrintedPeriod, PrintedService, VictimCopyModel } from './victim-copy-model';
import type { FilteredText } from './victim-safety';

interface Languages {
  /** Her catalog (the procedure language's when hers has none). */
  her: VictimCatalog;
  /** The procedure language's catalog, when it differs from hers: printed beside each text. */
  procedure: VictimCatalog | null;
}

const LanguagesContext = createContext<Languages | null>(null);

function useLanguages(): Languages {
  const languages = useContext(LanguagesContext);
  if (!languages) throw new Error('Victim document texts outside a VictimDocument');
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

/** Her text after the filter: a withheld passage is marked as such, in her language. */
function Safe({ value }: { value: FilteredText }) {
  return (
    <>
      {value.pieces.map((piece, i) =>
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

/**
 * Text typed during the hearing in the procedure language, printed as typed: marked as such when
 * her language is another one, and isolated in its own direction so that nothing of it is
 * reordered inside a right-to-left line.
 */
function Typed({ value, block = false }: { value: FilteredText; block?: boolean }) {
  const { her, procedure } = useLanguages();
  const Tag = block ? 'div' : 'bdi';
  if (!procedure) return <Safe value={value} />;
  return (
    <Tag className={block ? 'typed verbatim' : 'typed'} lang={procedure.meta.language} dir={procedure.meta.direction}>
      <span className="typed-note" lang={her.meta.language} dir={her.meta.direction}>
        <Template
          catalog={her}
          k="copy.typedInProcedureLanguage"
          slots={{ language: <bdi>{procedure.meta.name}</bdi> }}
        />
      </span>{' '}
      <Safe value={value} />
    </Tag>
  );
}

/** A proper name or a value from the directory (a service, the unit): kept whole in its own direction. */
function Name({ value }: { value: FilteredText }) {
  return (
    <bdi>
      <Safe value={value} />
    </bdi>
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

function Period({ period }: { period: PrintedPeriod }) {
  const { her } = useLanguages();
  if ('on' in period) return <Ltr>{formatLocalDate(period.on)}</Ltr>;
  if ('from' in period)
    return (
      <Template
        catalog={her}
        k="elements.between"
        slots={{ from: <Ltr>{formatLocalDate(period.from)}</Ltr>, to: <Ltr>{formatLocalDate(period.to)}</Ltr> }}
      />
    );
  return <Typed value={period.about} />;
}

/** A text in both languages with one `{{name}}` filled by an element kept left to right. */
function WithLtr({ k, name, value }: { k: string; name: string; value: ReactNode }) {
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

export interface VictimDocumentProps {
  model: VictimCopyModel | LeafletModel;
  languages: Languages;
  printedAt: number;
  reprint: boolean;
}

/** A document she is given (victim-copy.md): a pure function of its model and the two catalogs. */
export function VictimDocument({ model, languages, printedAt, reprint }: VictimDocumentProps) {
  return (
    <LanguagesContext.Provider value={languages}>
      {model.document === 'copy' ? (
        <VictimCopy model={model} printedAt={printedAt} reprint={reprint} />
      ) : (
        <Leaflet model={model} />
      )}
    </LanguagesContext.Provider>
  );
}

function Services({ services, kinds }: { services: PrintedService[]; kinds: boolean }) {
  return (
    <ul>
      {services.map((service, i) => (
        <li key={i}>
          {service.name ? (
            <strong>
              <Name value={service.name} />
            </strong>
          ) : null}
          {kinds ? (
            <span className="muted">
              {' · '}
              <Hers k={`help.kind.${service.kind}`} />
              {' · '}
              <Hers k={`help.region.${service.region}`} />
            </span>
          ) : null}
          {service.phone ? (
            <>
              <br />
              <Hers k="help.phone" />:{' '}
              <span className="phone">
                <Ltr>
                  <Safe value={service.phone} />
                </Ltr>
              </span>
            </>
          ) : null}
          {service.website ? (
            <>
              <br />
              <Hers k="help.website" />:{' '}
              <Ltr>
                <Safe value={service.website} />
              </Ltr>
            </>
          ) : null}
          {service.hours ? (
            <>
              <br />
              <Hers k="help.hours" />:{' '}
              <Ltr>
                <Safe value={service.hours} />
              </Ltr>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The neutral leaflet: nothing on it says that a complaint, a hearing or the police exist. */
function Leaflet({ model }: { model: LeafletModel }) {
  return (
    <>
      <header>
        <h1>
          <Both k="leaflet.title" />
        </h1>
        <p className="subtitle">
          <Both k="leaflet.subtitle" />
        </p>
      </header>
      <p className="box">
        <strong>
          <Both k="leaflet.emergency" />
        </strong>
      </p>
      <section>
        <h2>
          <Both k="leaflet.contacts" />
        </h2>
        <Services services={model.services} kinds={false} />
      </section>
      <section>
        <h2>
          <Both k="leaflet.goodToKnow" />
        </h2>
        <ul>
          {(['point1', 'point2', 'point3', 'point4', 'point5'] as const).map((point) => (
            <li key={point}>
              <Hers k={`leaflet.${point}`} />
            </li>
          ))}
        </ul>
      </section>
      <p className="safety">
        <Hers k="leaflet.keepSafe" />
      </p>
    </>
  );
}

function VictimCopy({ model, printedAt, reprint }: { model: VictimCopyModel; printedAt: number; reprint: boolean }) {
  const { her, procedure } = useLanguages();
  const languageName = (code: string) =>
    code === her.meta.language ? her.meta.name : code === procedure?.meta.language ? procedure.meta.name : code;
  const { header } = model;
  return (
    <>
      <header>
        <h1>
          <Both k="copy.title" />
        </h1>
        <p className="subtitle">
          <Both k="copy.subtitle" />
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

      <table>
        <tbody>
          <Row label="header.unit">
            {header.unitName ? <Name value={header.unitName} /> : <Both k="header.notRecorded" />}
          </Row>
          <Row label="header.pvNumber">
            {header.pvNumber ? (
              <Ltr>
                <Safe value={header.pvNumber} />
              </Ltr>
            ) : (
              <Both k="header.notRecorded" />
            )}
          </Row>
          <Row label="header.hearingDate">
            <Ltr>{formatDateTime(header.hearingAt)}</Ltr>
          </Row>
          <Row label="header.officer">
            {header.officer ? <Name value={header.officer} /> : <Both k="header.notRecorded" />}
          </Row>
          <Row label="header.procedureLanguage">{languageName(model.procedureLanguage)}</Row>
          <Row label="header.victimLanguage">
            {model.victimLanguage ? (
              languageName(model.victimLanguage)
            ) : model.victimLanguageOther ? (
              <Name value={model.victimLanguageOther} />
            ) : null}
          </Row>
          <Row label="header.interpreter">
            {header.interpreter.present ? (
              <WithLtr
                k="header.interpreterYes"
                name="reference"
                value={header.interpreter.reference ? <Safe value={header.interpreter.reference} /> : '—'}
              />
            ) : (
              <Both k="header.interpreterNo" />
            )}
          </Row>
        </tbody>
      </table>

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
                    slots={{ answer: <Typed value={right.answer} /> }}
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
            <Row label="elements.factsPeriod">
              {model.elements.period ? <Period period={model.elements.period} /> : <Both k="elements.none" />}
            </Row>
            <Row label="elements.factsPlace">
              {model.elements.place ? <Typed value={model.elements.place} /> : <Both k="elements.none" />}
            </Row>
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
                    <li key={i}>{child === 'generic' ? <Hers k="elements.yourChild" /> : <Name value={child} />}</li>
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
                    <li key={item.number}>
                      <Template
                        catalog={her}
                        k="elements.evidenceItem"
                        slots={{
                          reference: <Ltr>{`EV-${String(item.number).padStart(4, '0')}`}</Ltr>,
                          type: <Hers k={`evidenceTypes.${item.type}`} />,
                        }}
                      />
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
          <div className="box">
            <h3>
              <Both k="statement.interpreterTranslationTitle" />
            </h3>
            {/* The interpreter wrote it in her language: her direction, isolated from the page's. */}
            <div className="verbatim" lang={her.meta.language} dir={her.meta.direction}>
              <Safe value={model.translation.interpreter.text} />
            </div>
            <p className="muted">
              <Template
                catalog={her}
                k="statement.interpreterTranslationBy"
                slots={{
                  interpreter: model.translation.interpreter.by ? (
                    <Name value={model.translation.interpreter.by} />
                  ) : (
                    <Ltr>—</Ltr>
                  ),
                  date: (
                    <Ltr>
                      {model.translation.interpreter.at ? formatLocalDate(model.translation.interpreter.at) : '—'}
                    </Ltr>
                  ),
                }}
              />
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
          {model.statement.text ? <Typed value={model.statement.text} block /> : null}
          {model.statement.addenda.map((addendum, i) => (
            <div key={i}>
              <h3>
                <WithLtr k="statement.addendum" name="date" value={formatDateTime(addendum.createdAt)} />
              </h3>
              {addendum.text ? <Typed value={addendum.text} block /> : null}
            </div>
          ))}
          {model.translation.offered ? (
            <div className="box">
              <p>
                <Both k="statement.translationOffer" />
              </p>
              <p>
                <strong>
                  <Both
                    k={
                      model.translation.requested
                        ? 'statement.translationRequested'
                        : 'statement.translationNotRequested'
                    }
                  />
                </strong>
              </p>
            </div>
          ) : null}
        </section>
      ) : null}

      {model.measures.length > 0 ? (
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
                <Hers k="measures.positionLabel" />:{' '}
                {measure.position ? (
                  <Hers k={`measures.position.${measure.position}`} />
                ) : (
                  <Hers k="header.notRecorded" />
                )}
                {' · '}
                <Hers k="measures.stateLabel" />:{' '}
                {measure.state ? <Hers k={`measures.state.${measure.state}`} /> : <Hers k="header.notRecorded" />}
              </p>
            </div>
          ))}
          <p className="box">
            <Both k="measures.refusalKeepsRights" />
          </p>
        </section>
      ) : null}

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
        <Services services={model.services} kinds />
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
        {model.reference ? (
          <>
            {' · '}
            <Ltr>
              <Safe value={model.reference} />
            </Ltr>
          </>
        ) : null}
      </p>
    </>
  );
}
