// Written by `npm run db:manifest` from migrations/: do not edit by hand.
import type { MigrationManifestEntry } from './migrations';

/**
 * The migrations this build runs, with the SHA-256 of each file. Compiled into main (inside the
 * signed archive); the files in migrations/<dialect>/ are checked against it before any of them runs.
 */
export const MIGRATION_MANIFEST: readonly MigrationManifestEntry[] = [
  {
    tag: '0000_initial',
    when: 1795418826170,
    sha256: 'fb1eabab71c1ebfcced78924206e93a975b912a7a8e3ebb0bfefcfd8501d4c36',
  },
  {
    tag: '0001_audit_append_only',
    when: 1795418826852,
    sha256: '559e1f041e420d838d1327141014a5288eb57b3aa324ec90f4ab418314a4632a',
  },
  {
    tag: '0002_statement_and_closing',
    when: 1795422174199,
    sha256: '7a40c55449fd2d7fb02a34aeeaacba250792be436bdd591e3ebd419798233f8b',
  },
  {
    tag: '0003_support_directory',
    when: 1795422859883,
    sha256: 'ff7bd0db5bceee1c727e7c8c1cd95c025f03e9e737e736283ca20315ae1a9531',
  },
  {
    tag: '0004_units_accounts_and_risk',
    when: 1795431732927,
    sha256: '69fb67f7e6c029c5771a2ab7aafb446a8dd304bca13a962ea87f2af13d0ae5ab',
  },
  {
    tag: '0005_answer_history_and_queue_order',
    when: 1795434742413,
    sha256: '5ce0f268810d79d2a4d966cccb1389f9787bc73801e78d30345107dc25a9ef4a',
  },
  {
    tag: '0006_evidence_register',
    when: 1795434754988,
    sha256: '12fa6562fbbe33fd09d29d6a38d578da705b2d797bdc8f872f4cbd1a6c7877c5',
  },
  {
    tag: '0007_statistics_indexes',
    when: 1795435925549,
    sha256: 'bc976e3a4e14844554633dcc0511f6e04239797f282faaa2568718340c42b567',
  },
  {
    tag: '0008_printed_documents',
    when: 1795440943999,
    sha256: '1eefc2714308f5ff2869ef86607972c99072d603ef2d8a3881512d75ad075560',
  },
  {
    tag: '0009_victim_copy_reviews',
    when: 1796398760881,
    sha256: '91924e66f1c8ef653d92407ff3e00546a6dfd55e1577157f88090ac54aa1120f',
  },
  {
    tag: '0010_sessions',
    when: 1796438744594,
    sha256: 'dc0de0c85c79233daab86b40bd8a2c2e270f48cc59e8889198b96282695e8488',
  },
  {
    tag: '0011_due_queue_by_hearing',
    when: 1796451291121,
    sha256: 'e12dbfa78f437308aeb223d5f5ed95f471debce684665af4ad9040b15370af59',
  },
  {
    tag: '0012_victim_catalog_reviews',
    when: 1796513336371,
    sha256: '220c9a7d3b9050da6c32cfbc6c3b236fbeea4b2c1e4b16a090996c74ac04ba1b',
  },
  {
    tag: '0013_imported_audit_events',
    when: 1796533917872,
    sha256: 'b767342a018163137d82f9aa5defb7dedc22afadbc0bb72ede081573f8d7f98f',
  },
  {
    tag: '0014_persons',
    when: 1796545564184,
    sha256: '131e7356a652e724ee99e50c1cd820f318b1f0e3bd210cd68a3f7382a016a09f',
  },
  {
    tag: '0015_person_keys_birth_date',
    when: 1796575428964,
    sha256: '5bfbe0edabd16c0b4c6b6c00d0cac246264ec5d3ec2a3903a619e22dce2afae5',
  },
  {
    tag: '0016_pair_supersessions',
    when: 1796591830792,
    sha256: 'b87db09c51f2c28907b5cd80b137a88405d48c5b8a034f89f1cbea54961147cb',
  },
];

/** The same for the zone's PostgreSQL (migrations/pg/). */
export const PG_MIGRATION_MANIFEST: readonly MigrationManifestEntry[] = [
  {
    tag: '0000_initial',
    when: 1796423921874,
    sha256: '4a302f0ae8fd5578179893f921fc798073ef58676dc88040d17486db57ca2b8e',
  },
  {
    tag: '0001_append_only_rules',
    when: 1796423932958,
    sha256: '179256f1681c70cadbc68fb50c790d6138f1407ce71b60a23d6c6f2dad554325',
  },
  {
    tag: '0002_row_level_security',
    when: 1796424493067,
    sha256: 'bd490c578384f74e62eb3d71588c45ce3941626733c511a9d661bbb7f6f57f0e',
  },
  {
    tag: '0003_statistics_and_references',
    when: 1796435425536,
    sha256: 'ebed4d75cd0c19f8306abe899a6533f70b061b4623e37d7ee6e3e1e129fa650b',
  },
  {
    tag: '0004_sessions',
    when: 1796438750922,
    sha256: 'f69a9018a65101f7d3957104959936bbc20c2f173cc1f205cb3fe6ef15b41453',
  },
  {
    tag: '0005_row_security_lookups',
    when: 1796448638256,
    sha256: '01a492f3f677237ee2cf3b2e1343dded0fbf0298fd07343ff71b42796e1819c7',
  },
  {
    tag: '0006_due_queue_by_hearing',
    when: 1796451293271,
    sha256: '35d568026f8476ae400b05822c3ee7d28b336ad2a4651ba80c689ec989d5839f',
  },
  {
    tag: '0007_victim_catalog_reviews',
    when: 1796513340093,
    sha256: '2e1c5f71e1db20bae8fd02a83852de5ccc1148504756b41e065541aa098e554c',
  },
  {
    tag: '0008_server_reads_schema_version',
    when: 1796521780767,
    sha256: '4bfa11b7a198acd5018f6c717a9c7702edb46aad5243184811851a7bffed3717',
  },
  {
    tag: '0009_imported_audit_events',
    when: 1796533920139,
    sha256: '4ed95f8ee5e6be0617ef7f3b7c66d724d502d2c113be87cf0261bc6eadc20095',
  },
  {
    tag: '0010_persons',
    when: 1796545566537,
    sha256: '3cd0af612a0f702a1ab381934a3f48688d68e904d0e8050975fdb69d086baa26',
  },
  {
    tag: '0011_pair_history_reads',
    when: 1796558193965,
    sha256: '400c18a63db7d98c11b8f6d87ec9d1611498253f4eacfd3dec6efc22ca34780d',
  },
  {
    tag: '0012_statistics_reads_pairs',
    when: 1796559939840,
    sha256: 'e72f525a7c64dba1de54cd52792afb7043d18c9e53d7d76461221b2324b6d4ed',
  },
  {
    tag: '0013_person_keys_birth_date',
    when: 1796575431531,
    sha256: '60f6a0b7adc0bfd9e96251874a6118d5f517089e4b4c02357c19657f04ff2724',
  },
  {
    tag: '0014_pair_supersessions',
    when: 1796591832925,
    sha256: '1f8389208e6496361bc3eaf5432ab33aeaa87684ecbb5d7ef38b732b4576c231',
  },
  {
    tag: '0015_pair_reads_short_circuit',
    when: 1796620461781,
    sha256: '0954aff79cc6b4ee67889291aedb596ade310f6f36fb0cabd0f6123010569a02',
  },
];
