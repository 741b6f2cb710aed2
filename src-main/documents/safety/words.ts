/**
 * The word lists of the protected-value matcher, all already normalised (lower case, no accents,
 * see normalise.ts). They decide what is a street type, what is a filler word and what is too
 * common to identify a place or a person: a word missing here is matched as distinctive (more is
 * withheld), a word wrongly added here lets a value through, so add with care.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

/** Street types and their abbreviations, French, Dutch, German and English, as separate words. */
export const STREET_TYPES = set(`
  rue r avenue av ave avn boulevard bd boul bld blvd bvd chaussee chee chau ch place pl square sq clos allee al impasse imp
  quai q chemin che route rte rt drive drève dreve sentier sent passage pass galerie gal cite residence res parvis rond point
  voie venelle ruelle cour esplanade promenade prom lotissement faubourg fbg carrefour
  straat str laan ln steenweg stwg stw stwg plein dreef lei weg kaai gracht markt singel dijk pad hof plaats park wijk
  vest berg veld kade steeg poort
  strasse platz gasse allee ring damm ufer chaussee
  street st road rd lane ln way drive dr court ct crescent cres close terrace ter grove gardens gdns
`);

/**
 * Street types that Dutch and German write glued to the name ("Lindenstraat", "Kirchstr."): a word
 * ending so is read as stem + type. Longest first, so "steenweg" wins over "weg".
 */
export const STREET_SUFFIXES = [
  'steenweg',
  'strasse',
  'straat',
  'stwg',
  'dreef',
  'gracht',
  'plein',
  'platz',
  'gasse',
  'markt',
  'singel',
  'kaai',
  'laan',
  'allee',
  'weg',
  'lei',
  'str',
  'dijk',
  'hof',
  'kade',
  'steeg',
  'vest',
  'ring',
  'damm',
  'ufer',
  'pad',
  'plaats',
  'veld',
  'berg',
  'park',
].sort((a, b) => b.length - a.length);

/** Filler words of names: articles, prepositions, saints ("Rue de l'Étuve", "Sint-Jansstraat"). */
export const NAME_STOPWORDS = set(`
  de des du la le l les d au aux a en sur sous lez les
  van der den het ter ten t op in aan bij
  von dem zum zur am an im auf
  of the and on at
  saint st ste sainte sint sankt san santa
  et en und
`);

/** Words that mark a house number ("n° 42", "nr 42", "number 42"). */
export const NUMBER_MARKERS = set('n no nr num numero nummer huisnummer hausnummer number nbr');

/** Words that mark a box or flat after the house number ("bte 3", "bus 2", "app 4"). */
export const BOX_MARKERS = set(
  'bte boite bt bus box b bp app apt appt appartement appart flat etage et verdieping stock',
);

/** Country names and prefixes that may stand beside a postcode ("B-4000", "4000 Liège, Belgique"). */
export const COUNTRY_WORDS = set('b be bel belgique belgie belgium belgien belgio');

/**
 * Words that do not identify a place she stays at or a person of her safe channel: kinds of place,
 * family and relations, possessives, prepositions, the channels themselves, times and the like.
 */
export const COMMON_WORDS = set(`
  refuge maison accueil home huis opvang opvanghuis centre center centrum foyer abri vrouwen vrouwenopvang femmes frauen frauenhaus women woman womens
  vzw asbl ivzw aisbl vog gmbh ev cpas ocmw service services dienst diensten hilfe aide hulp help support soutien steun
  collectif collective association asso vereniging verein federation organisation fondation stichting
  violence violences geweld gewalt familial familiale familiales conjugal conjugale conjugales huiselijk intrafamilial intrafamiliale domestic abuse
  hebergement logement urgence nood noodopvang crisis crise shelter haven safe abri
  chez bij bei at with avec met mit in te a au aux en dans near pres naast
  ma mon mes sa son ses ta ton notre votre leur mijn zijn haar onze uw mein meine meinem meiner ihr ihre my her his our their
  un une des het een ein eine einer a an the le la les de du van der den
  soeur frere zus zuster broer schwester bruder sister brother sis bro
  ami amie amis vriend vriendin vrienden freund freundin friend friends copine copain pote
  tante oncle nonkel tant oom tante onkel aunt uncle
  mere pere moeder vader mutter vater mother father maman papa mama mam pa ma mum mom dad
  parents ouders eltern cousin cousine neef nicht kusine cousins grootmoeder grootvader grand mere pere grandmother grandfather oma opa
  fille fils dochter zoon tochter sohn daughter son enfant enfants kind kinderen kinder child children
  voisin voisine buur buurvrouw nachbar nachbarin neighbour neighbor collegue collega kollege kollegin colleague
  famille familie family beau belle schoonzus schoonbroer
  via par per door uber by over tel telephone telefoon telefon phone gsm mobile portable numero nummer number nr n no
  whatsapp signal sms telegram messenger mail email courriel mail e e mailadres adresse adres adresse address
  instagram insta facebook fb snapchat snap tiktok twitter x
  appeler appelez contacter contact joindre bellen contacteren anrufen kontakt call text ring
  uniquement seulement only enkel alleen nur just seul seule
  apres avant apres midi matin soir soiree nuit journee na voor nach vor after before morning evening night
  h heure heures uur uhr hour hours min minutes
  lundi mardi mercredi jeudi vendredi samedi dimanche semaine weekend week
  maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
  montag dienstag mittwoch donnerstag freitag samstag sonntag
  monday tuesday wednesday thursday friday saturday sunday
  et ou and or en of und oder ou pas niet nicht not ne jamais never nooit nie
  qui que est sont is zijn ist sind elle il zij hij sie er she he
  logee loge loger verblijft wohnt stays staying
  madame monsieur mme mr m mevrouw meneer frau herr mrs ms miss
  rue adresse inconnue confidentielle confidentiel
`);

/**
 * Belgian localities known by several names (French, Dutch, German, English): "Liège" stored, "Luik"
 * written by a Dutch-speaking officer. Each line is one place; the names are normalised word sequences.
 */
const LOCALITY_NAMES = `
  bruxelles|brussel|brussels|brussel stad|brusselles|brüssel|bruessel|brussels city
  liege|luik|luttich|luettich|liege ville
  anvers|antwerpen|antwerp
  gand|gent|ghent
  louvain|leuven|lowen
  malines|mechelen|mecheln
  bruges|brugge|brugge stad
  courtrai|kortrijk
  tournai|doornik
  mons|bergen
  namur|namen
  arlon|aarlen|arel
  wavre|waver
  nivelles|nijvel
  ostende|oostende|ostend
  alost|aalst
  ypres|ieper
  saint trond|sint truiden
  tongres|tongeren
  hal|halle
  vilvorde|vilvoorde
  ixelles|elsene
  uccle|ukkel
  schaerbeek|schaarbeek
  saint gilles|sint gillis
  saint josse ten noode|sint joost ten node|saint josse|sint joost
  forest|vorst
  molenbeek saint jean|sint jans molenbeek|molenbeek
  woluwe saint lambert|sint lambrechts woluwe
  woluwe saint pierre|sint pieters woluwe
  watermael boitsfort|watermaal bosvoorde
  auderghem|oudergem
  koekelberg
  ganshoren
  berchem sainte agathe|sint agatha berchem
  evere
  jette
  etterbeek
  anderlecht
  braine l alleud|eigenbrakel
  braine le comte|s gravenbrakel
  enghien|edingen
  lessines|lessen
  mouscron|moeskroen
  comines|komen
  eupen|neau
  kelmis|la calamine
  saint vith|sankt vith|st vith
  jodoigne|geldenaken
  tirlemont|tienen
  landen|landen
  waremme|borgworm
  hannut|hannuit
  visé|wezet
  fourons|voeren
`;

/** For each normalised locality name, every name of the same place. */
export const LOCALITY_SYNONYMS: ReadonlyMap<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const line of LOCALITY_NAMES.split('\n')) {
    const names = line
      .split('|')
      .map((n) => n.trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase())
      .filter(Boolean);
    for (const name of names) map.set(name, [...new Set(names)]);
  }
  return map;
})();
