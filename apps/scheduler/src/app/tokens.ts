/** Dependency-injection tokens of the scheduler application context. */
export const SCHEDULER_SETTINGS = Symbol('SCHEDULER_SETTINGS');
export const SCHEDULER_CONTEXT = Symbol('SCHEDULER_CONTEXT');
export const SCHEDULER_LOGGER = Symbol('SCHEDULER_LOGGER');
