// Test infrastructure for anything that talks to a registry: real registries, synthetic images, faults.
export { startRegistry, registryPrerequisiteProblem, freePort, type TestRegistry, type RegistryAuth, type AccessLogEntry } from './registry-server.js';
export { startTokenIssuer, type TokenIssuer, type TokenRequest } from './token-issuer.js';
export { pushImage, tagExisting, putRawManifest, deleteManifest, MEDIA_TYPES, type PushOptions, type PushedImage, type ImageKind } from './push.js';
export { makeSelfSignedCertificate, type SelfSignedCertificate } from './certificates.js';
export { describeWithRegistry } from './suite.js';
