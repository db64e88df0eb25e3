import { API_BASE_PATH } from '../api-base-path.js';

/**
 * The headers that announce the next page of GET /orders (RFC 8288 `Link` for clients that follow
 * links, `X-Next-Cursor` for those that just want the token); none on the last page.
 */
export function nextPageHeaders(limit: number, nextCursor: string): Record<string, string> {
  if (nextCursor === '') return {};
  const query = new URLSearchParams({ limit: String(limit), cursor: nextCursor });
  return { Link: `<${API_BASE_PATH}/orders?${query.toString()}>; rel="next"`, 'X-Next-Cursor': nextCursor };
}
