import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@topicops/config';
import { KpiRecordEntity } from '@topicops/corpus';
import { StageContext } from '../context';
import { CHAMPION_ALIAS, loadModelVersionBundle } from '../serving/registry';
import { coherenceOf } from './kpi';
import { loadPreprocessingVersion } from './preprocessing-version';
import { DEFAULT_HELDOUT_FRACTION, loadTrainingData, split } from './training-data';

export interface EvaluateInput {
  modelVersion?: string;
  alias?: string;
  pipelineRunId?: string;
  heldoutFraction?: number;
}

export interface EvaluateSummary {
  model_name: string;
  model_version: string;
  c_v: number;
  u_mass: number;
  c_npmi: number;
  log_perplexity: number;
  perplexity: number;
  threshold: number;
  topn: number;
  max_perplexity: number | null;
  kpi_ok: boolean;
  promoted: boolean;
  champion_before: string | null;
  reason: string;
}

/**
 * Computes the KPI of a registered model version — c_v (the gate), u_mass, c_npmi and held-out perplexity —
 * records it (tracking run + kpi_records) and moves the `champion` alias to it only when it passes the
 * thresholds and is not worse than the current champion. A failing KPI is a result, not an error.
 */
export async function runEvaluate(ctx: StageContext, input: EvaluateInput): Promise<EvaluateSummary> {
  const modelName = ctx.config.modelName;
  const version = await resolveVersion(ctx, modelName, input);
  const cacheDir = await mkdtemp(join(tmpdir(), 'topicops-eval-'));
  try {
    const bundle = await loadModelVersionBundle(ctx.tracking, modelName, version, cacheDir);
    const preprocessing = await loadPreprocessingVersion(ctx.ds, bundle.info.corpus, bundle.info.preprocessing_version);
    ctx.progress?.({ stage: 'evaluate', fraction: 0.2, message: 'loading documents' });
    const data = await loadTrainingData(ctx.ds, preprocessing, input.heldoutFraction ?? DEFAULT_HELDOUT_FRACTION);
    const { heldout } = split(data);
    const model = bundle.model;
    const topn = ctx.config.kpiTopn;
    const c_v = coherenceOf('c_v', model, bundle.dictionary, data.texts, topn);
    const u_mass = coherenceOf('u_mass', model, bundle.dictionary, data.texts, topn);
    const c_npmi = coherenceOf('c_npmi', model, bundle.dictionary, data.texts, topn);
    ctx.progress?.({ stage: 'evaluate', fraction: 0.7, message: 'held-out perplexity' });
    const perplexityDocs = heldout.length ? heldout : data.bows;
    const log_perplexity = await model.logPerplexity(perplexityDocs, perplexityDocs.length);
    const perplexity = Math.pow(2, -log_perplexity);

    const threshold = ctx.config.kpiMinCv;
    const maxPerplexity = ctx.config.kpiMaxPerplexity ?? null;
    const reasons: string[] = [];
    if (!(c_v >= threshold)) reasons.push(`c_v ${c_v.toFixed(4)} is below the threshold ${threshold}`);
    if (maxPerplexity !== null && !(perplexity <= maxPerplexity)) {
      reasons.push(`perplexity ${perplexity.toFixed(1)} is above the maximum ${maxPerplexity}`);
    }
    const kpi_ok = reasons.length === 0;

    const championBefore = await ctx.tracking.getAlias(modelName, CHAMPION_ALIAS);
    let promoted = false;
    if (kpi_ok) {
      const championCv = championBefore ? await championCoherence(ctx, modelName, championBefore.version) : null;
      if (championBefore?.version === version) {
        reasons.push('already the champion');
      } else if (championCv !== null && c_v < championCv) {
        reasons.push(`c_v ${c_v.toFixed(4)} is worse than the champion's ${championCv.toFixed(4)}`);
      } else {
        await ctx.tracking.setAlias(modelName, CHAMPION_ALIAS, version);
        promoted = true;
        reasons.push(championBefore ? `better than version ${championBefore.version}` : 'first champion');
      }
    }

    await ctx.tracking.logBatch(bundle.info.run_id, {
      metrics: [
        { key: 'kpi_c_v', value: c_v, timestamp: Date.now(), step: 0 },
        { key: 'kpi_u_mass', value: u_mass, timestamp: Date.now(), step: 0 },
        { key: 'kpi_c_npmi', value: c_npmi, timestamp: Date.now(), step: 0 },
        { key: 'heldout_log_perplexity', value: log_perplexity, timestamp: Date.now(), step: 0 },
      ],
      tags: { 'topicops.kpi_ok': String(kpi_ok), 'topicops.promoted': String(promoted) },
    });
    await ctx.ds.getRepository(KpiRecordEntity).insert({
      modelName,
      modelVersion: version,
      runId: bundle.info.run_id,
      corpus: bundle.info.corpus,
      cV: c_v,
      uMass: u_mass,
      cNpmi: c_npmi,
      logPerplexity: log_perplexity,
      threshold,
      kpiOk: kpi_ok,
      promoted,
    });
    ctx.progress?.({ stage: 'evaluate', fraction: 1 });
    return {
      model_name: modelName,
      model_version: version,
      c_v,
      u_mass,
      c_npmi,
      log_perplexity,
      perplexity,
      threshold,
      topn,
      max_perplexity: maxPerplexity,
      kpi_ok,
      promoted,
      champion_before: championBefore?.version ?? null,
      reason: reasons.join('; '),
    };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

async function resolveVersion(ctx: StageContext, modelName: string, input: EvaluateInput): Promise<string> {
  if (input.modelVersion) return input.modelVersion;
  if (input.alias) {
    const aliased = await ctx.tracking.getAlias(modelName, input.alias);
    if (!aliased) throw new UsageError(`model "${modelName}" has no alias "${input.alias}"`);
    return aliased.version;
  }
  const versions = await ctx.tracking.listModelVersions(modelName);
  if (!versions.length) throw new UsageError(`model "${modelName}" has no registered version: run train first`);
  return versions.map((v) => v.version).sort((a, b) => Number(b) - Number(a))[0];
}

async function championCoherence(ctx: StageContext, modelName: string, version: string): Promise<number | null> {
  const record = await ctx.ds
    .getRepository(KpiRecordEntity)
    .findOne({ where: { modelName, modelVersion: version }, order: { id: 'DESC' } });
  return record ? record.cV : null;
}
