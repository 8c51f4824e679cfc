import { ErrorAnswer } from '../schemas.ts';

/** The error answers routes document in /openapi.json (tools/api/errors.ts writes them). */
export const ERROR_RESPONSES = {
  400: { ...ErrorAnswer, description: 'a parameter is malformed, unknown or missing (named in `param`)' },
  404: { ...ErrorAnswer, description: 'no such title in this catalog' },
  413: { ...ErrorAnswer, description: 'the body is too large, or holds more than 1,000 references' },
  414: { ...ErrorAnswer, description: 'the URL, or a text in it, is too long' },
  503: { ...ErrorAnswer, description: 'still loading (see Retry-After), or the stage this route needs failed to load' },
} as const;
