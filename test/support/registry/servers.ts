// The registry test infrastructure without vitest: for scripts such as the benchmark.
export { startRegistry, registryPrerequisiteProblem, freePort, type TestRegistry, type RegistryAuth, type AccessLogEntry, type StartRegistryOptions } from './registry-server.js';
export { startTokenIssuer, type TokenIssuer, type TokenRequest } from './token-issuer.js';
export { pushImage, tagExisting, putRawManifest, deleteManifest, uploadBlob, MEDIA_TYPES, type PushOptions, type PushedImage, type ImageKind } from './push.js';
export { cosignSign, cosignAttest, pushReferrer, pushReferrersTagSchema, PREDICATES, SUPPLY_CHAIN_TYPES, type Referrer } from './signatures.js';
export { startReferrersServer, type ReferrersServer } from './referrers-server.js';
export { makeSelfSignedCertificate, type SelfSignedCertificate } from './certificates.js';
export { startMisbehavingServer, serveIndex, sendJson, indexManifest, type MisbehavingServer, type Misbehaviour, type SeenRequest } from './misbehaving-server.js';
