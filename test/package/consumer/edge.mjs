// What an edge function (Cloudflare Workers, Vercel Edge) bundles: the client entry only, no Node built-ins.
import { Huuray } from 'huuray-client';

export default {
  async fetch(_request, env) {
    const balances = await Huuray.fromEnv(env).balances();
    return new Response(JSON.stringify(balances), { headers: { 'content-type': 'application/json' } });
  },
};
