// The merging rules of several sources (src/model/merge-sources.ts), as the one module the widgets
// and the CDS query import lazily: only a context with more than one source loads it. (Importing
// this module, never the model file itself, keeps it a chunk of its own in every build: the
// one-file bundle exports the model's functions publicly.)
export { filterSourcedData, identityDifferences, mergeSourcedData, mergeSourcedResources } from '../model/merge-sources.js';
