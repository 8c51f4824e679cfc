/** One HTTP answer of the fake, before it is written. */
export interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export const notFound: Answer = { status: 404, body: '{"error":"not found"}' };
