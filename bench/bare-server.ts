/** The baseline for the API load bench: a bare node:http server answering every request with a fixed JSON body. */
import { createServer } from 'node:http';

const body = JSON.stringify({ verdict: 'allowed', on: '2025-09-01', reasons: [] });
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`bare: listening on http://127.0.0.1:${address.port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
