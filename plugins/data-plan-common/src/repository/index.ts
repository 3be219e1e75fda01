export { checkRepository } from './checkRepository';
export type {
  CheckRepositoryOptions,
  SqlLineageRunner,
  RepositoryObject,
  RepositoryReport,
} from './repositoryReport';
export {
  inMemoryProjectFiles,
  isProjectFileError,
  ProjectFileError,
} from './ProjectFiles';
export type { ProjectFiles } from './ProjectFiles';
export { MAX_PROJECT_PATH_LENGTH, unsafePathReason } from './projectPaths';
export {
  isDriftRule,
  isRepositoryCheckRule,
  isRepositoryRule,
  REPOSITORY_CHECK_VERSION,
  REPOSITORY_RULE_SEVERITIES,
  REPOSITORY_RULES,
} from './repositoryRules';
export type { RepositoryRule } from './repositoryRules';
export { coveragePercent, driftCount } from './repositoryEvaluation';
export type { RepositoryEvaluation } from './repositoryEvaluation';
