import { ApiKeyEntity } from './api-key.entity';
import { DictionaryEntity } from './dictionary.entity';
import { DocumentTokensEntity } from './document-tokens.entity';
import { DocumentTopicsEntity } from './document-topics.entity';
import { DocumentEntity } from './document.entity';
import { IngestionErrorEntity } from './ingestion-error.entity';
import { IngestionRunEntity } from './ingestion-run.entity';
import { KpiRecordEntity } from './kpi-record.entity';
import { PipelineRunEntity } from './pipeline-run.entity';
import { PipelineTaskEntity } from './pipeline-task.entity';
import { PreprocessingVersionEntity } from './preprocessing-version.entity';

export {
  ApiKeyEntity,
  DictionaryEntity,
  DocumentEntity,
  DocumentTokensEntity,
  DocumentTopicsEntity,
  IngestionErrorEntity,
  IngestionRunEntity,
  KpiRecordEntity,
  PipelineRunEntity,
  PipelineTaskEntity,
  PreprocessingVersionEntity,
};
export type { ApiKeyRole } from './api-key.entity';
export type { DocumentMetadata } from './document.entity';
export type { IngestionErrorReason } from './ingestion-error.entity';
export type { IngestionFormat, IngestionStatus } from './ingestion-run.entity';
export type { PipelineRunStatus, PipelineTrigger } from './pipeline-run.entity';
export type { PipelineStage, PipelineTaskStatus } from './pipeline-task.entity';
export type { PreprocessingStatus } from './preprocessing-version.entity';

/** Every entity of the platform, in dependency order. */
export const ALL_ENTITIES = [
  IngestionRunEntity,
  DocumentEntity,
  IngestionErrorEntity,
  PreprocessingVersionEntity,
  DocumentTokensEntity,
  DictionaryEntity,
  DocumentTopicsEntity,
  KpiRecordEntity,
  PipelineRunEntity,
  PipelineTaskEntity,
  ApiKeyEntity,
];
