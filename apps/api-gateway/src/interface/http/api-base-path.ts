/** Where the public REST API lives; /health, /metrics and /docs stay outside it. */
export const API_BASE_PATH = '/api/v1';
