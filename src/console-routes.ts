import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

/** Where `npm run build` (vite) writes the console: dist/console, beside dist/src. */
export const CONSOLE_DIR = path.resolve(__dirname, '../console');

/**
 * The web console's routes: the app at `/`, GraphiQL at `/graphiql`, their bundled assets under `/assets/` (hashed
 * names: cached for a year). Everything is served from this origin; the Content-Security-Policy says so to the
 * browser too (scripts, styles, fonts, workers and connections: this origin only). No route here needs a key: the
 * pages hold no data, and every call they make goes to /graphql with the tab's key.
 */
export function consoleRoutes(dir = CONSOLE_DIR): express.Router {
  const router = express.Router();
  const built = fs.existsSync(path.join(dir, 'index.html'));
  const security = (req: express.Request, res: express.Response, next: express.NextFunction) => {
    // graphql-ws on this host, named as well as 'self' (older browsers do not count ws: as 'self').
    const host = /^[A-Za-z0-9.:[\]-]{1,255}$/.test(req.headers.host ?? '') ? req.headers.host : null;
    const sockets = host ? ` ws://${host} wss://${host}` : '';
    res.setHeader(
      'Content-Security-Policy',
      // ECharts and GraphiQL set inline styles; GraphiQL's editor runs web workers from blob: URLs.
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'${sockets}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  };
  const page = (file: string) => (req: express.Request, res: express.Response) => {
    if (!built) {
      res.status(503).type('text/plain').send('The console is not built: run `npm run build` (npm install builds it).\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dir, file));
  };
  router.get('/', security, page('index.html'));
  router.get(['/graphiql', '/graphiql/'], security, page('graphiql.html'));
  router.use('/assets', security, express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }), (_req, res) => {
    res.status(404).type('text/plain').send('Not found\n');
  });
  return router;
}
