// The container health check (Dockerfile HEALTHCHECK and docker-compose.yml): healthy when the
// app's readiness endpoint answers 2xx. Node's own fetch, so the image needs no curl or wget.
// docker-compose.yml sets PORT for every app; 3000 is only the gateway's default.
const url = `http://127.0.0.1:${process.env.PORT ?? 3000}/health/ready`;
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4_000) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
