import type { NextConfig } from 'next';

const config: NextConfig = {
  // A second dev server (the end-to-end tests) builds into its own folder so it never fights `npm run dev`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // …and reads its own tsconfig, so Next's edits for that folder never touch tsconfig.json and a running
  // `npm run dev` does not reload when the tests' server writes its route types.
  typescript: { tsconfigPath: process.env.NEXT_DIST_DIR ? 'tsconfig.next-alt.json' : 'tsconfig.json' },
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'pino', 'nodemailer', 'imapflow', 'exceljs'],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    serverActions: { bodySizeLimit: '25mb' },
    // Lead imports accept files up to IMPORT_MAX_BYTES (50 MB by default); the proxy in front of every
    // route would otherwise cut request bodies at 10 MB. Route handlers still enforce their own limits.
    proxyClientMaxBodySize: '64mb',
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default config;
