/** Dependency-injection tokens of the worker application context. */
export const WORKER_SETTINGS = Symbol('WORKER_SETTINGS');
export const STAGE_CONTEXT = Symbol('STAGE_CONTEXT');
export const STAGE_HANDLERS = Symbol('STAGE_HANDLERS');
export const WORKER_LOGGER = Symbol('WORKER_LOGGER');
