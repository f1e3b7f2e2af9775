/**
 * What lets an open skip re-checking every record: a project this build saved says so in its `appVersion` meta
 * value, `0.1.0+checked.<tag>` (a semver build-metadata suffix, so older Rackplanes read the file unchanged), where
 * the tag is SHA-256 over this build's schema fingerprint and a digest of every stored record (RecordsDigest in
 * content-checksum.ts). On open, a tag that matches the digest of the rows read means they are byte for byte what this build wrote
 * from a design it held, so parsing them with the very schemas that built it would repeat work: store.ts then skips
 * the per-record schema parse. A file from an older version, another build, or with any changed row (even one whose
 * checksum was recomputed) has no matching tag and gets full validation.
 *
 * The tag is not a secret: it tells this build's own output from everything else, it does not authenticate. Someone
 * who rewrites a file and recomputes both the checksum and the tag on purpose gets records that skip the schema
 * parse; the hardening of open-guard.ts (schema, bounds, text-only values, worker with a deadline) still applies.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import packageJson from '../../package.json';
import { designMetaSchema } from '../../shared/model/design';
import { elementSchema } from '../../shared/model/elements';
import { linkSchema } from '../../shared/model/links';
import { CURRENT_DOCUMENT_VERSION } from '../../shared/model/migrations';
import { CURRENT_FILE_VERSION } from './file-migrations';

const TAG_MARK = '+checked.';

let fingerprint: string | null = null;

/**
 * The schemas this build validates records with, as JSON Schema, with the versions that decide how a file is read:
 * a build whose schemas differ in anything JSON Schema can say (a field, a type, a bound, a pattern) has another one.
 */
export function schemaFingerprint(): string {
  if (fingerprint === null) {
    const schemas = [elementSchema, linkSchema, designMetaSchema].map((s) => z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' }));
    const basis = JSON.stringify({ app: packageJson.version, document: CURRENT_DOCUMENT_VERSION, file: CURRENT_FILE_VERSION, schemas });
    fingerprint = createHash('sha256').update(basis).digest('hex');
  }
  return fingerprint;
}

const tagOf = (recordsDigest: string) => createHash('sha256').update(`${schemaFingerprint()}\n${recordsDigest}`).digest('hex').slice(0, 32);

/** The `appVersion` meta value of a file this build saves with records whose RecordsDigest is `recordsDigest`. */
export function checkedAppVersion(recordsDigest: string): string {
  return `${packageJson.version}${TAG_MARK}${tagOf(recordsDigest)}`;
}

/** True when `appVersion` carries this build's tag at all (the cheap test before the records are read and digested). */
export function taggedByThisBuild(appVersion: string | undefined): boolean {
  return appVersion !== undefined && appVersion.startsWith(`${packageJson.version}${TAG_MARK}`);
}

/** True when `appVersion` says this build wrote (and so had checked) records whose RecordsDigest is `recordsDigest`. */
export function writtenByThisBuild(appVersion: string | undefined, recordsDigest: string): boolean {
  return appVersion === checkedAppVersion(recordsDigest);
}
