/** This release's version (set by the build; "development" when run from the compiled sources): caches are kept per release. */
declare const AI_DISCLOSURE_VERSION: string | undefined;
export const RELEASE = typeof AI_DISCLOSURE_VERSION === 'string' ? AI_DISCLOSURE_VERSION : 'development';
