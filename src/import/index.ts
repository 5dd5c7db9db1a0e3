export {
  type BatchOptions,
  buildImportBatch,
  type FoundCluster,
  type ImportBatch,
  type ImportedFile,
  type SkippedCluster,
} from './files.js';
export * from './names.js';
export { buildSpecYaml, type SpecYamlOptions } from './spec-yaml.js';
