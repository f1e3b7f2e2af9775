/**
 * What lets an open skip re-checking every record: a project this installation saved says so in its `appVersion`
 * meta value, `0.1.0+checked.<tag>` (a semver build-metadata suffix, so older Rackplanes read the file unchanged),
 * where the tag is an HMAC over this build's schema fingerprint and a digest of every stored record (RecordsDigest in
 * content-checksum.ts). On open, a tag that matches the digest of the rows read means they are byte for byte what
 * this installation wrote from a design it held, so parsing them with the very schemas that built it would repeat
 * work: store.ts then skips the per-record schema parse. A file from an older version, another build, or with any
 * changed row (even one whose checksum was recomputed) has no matching tag and gets full validation.
 *
 * The tag is an HMAC under this installation's own key (a random 32 bytes in the user data folder, beside the
 * preferences, readable only by the user), so it is a claim only this installation can make: a file saved on another
 * machine, or one crafted to look like this build's output, cannot carry a valid tag and gets full validation, which
 * is what a hostile file must always meet (issue #17). Where the key cannot be read or created, a key for this
 * process alone is used: the fast path then serves only files this process saved, and nothing is less checked.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import packageJson from '../../package.json';
import { designMetaSchema } from '../../shared/model/design';
import { elementSchema } from '../../shared/model/elements';
import { linkSchema } from '../../shared/model/links';
import { CURRENT_DOCUMENT_VERSION } from '../../shared/model/migrations';
import { CURRENT_FILE_VERSION } from './file-migrations';
import { installationHmac } from './installation-key';

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

export { forgetInstallationKey } from './installation-key';

// The purpose is the fingerprint itself (a hex digest), as earlier builds of this version made the tag: their files keep it.
const tagOf = (recordsDigest: string) => installationHmac(schemaFingerprint(), recordsDigest).slice(0, 32);

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
