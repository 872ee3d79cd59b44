// Stands in for zod's locale index in the bundles (see englishOnlyZodLocales in build.mjs).
export { default as en } from 'zod/v4/locales/en.js';
