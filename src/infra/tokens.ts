// Injection tokens for values the infrastructure provides to every module.
export const APP_CONFIG = Symbol('APP_CONFIG');
export const LOGGER = Symbol('LOGGER');
export const PROCESS_ROLE = Symbol('PROCESS_ROLE');

/** What this process does: serve the API, run jobs, or both (`npm start`). */
export interface ProcessRole {
  api: boolean;
  worker: boolean;
}
