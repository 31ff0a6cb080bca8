// A traced Node.js client for the OpenTelemetry test: fans N GET requests out to reqlanes'
// watch server at once, with the OpenTelemetry JS SDK's HTTP instrumentation, and exports
// its client spans to the same server's OTLP/HTTP receiver (JSON, one export per span).
// Usage: node otel_fanout.js PORT N SERVICE_NAME
'use strict';
const { NodeTracerProvider, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const resources = require('@opentelemetry/resources');

const port = Number(process.argv[2]);
const count = Number(process.argv[3] || 4);
const attributes = { 'service.name': process.argv[4] || 'otel-fanout' };
// SDK 2.x builds resources with a function; 1.x had the Resource class.
const resource = resources.resourceFromAttributes
  ? resources.resourceFromAttributes(attributes)
  : new resources.Resource(attributes);
const exporter = new OTLPTraceExporter({ url: `http://127.0.0.1:${port}/v1/traces` });
const processor = new SimpleSpanProcessor(exporter);
// SDK 2.x takes span processors in the constructor; 1.x had addSpanProcessor.
const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
if (typeof provider.addSpanProcessor === 'function') provider.addSpanProcessor(processor);
provider.register();
registerInstrumentations({ instrumentations: [new HttpInstrumentation()] });

// Required after the instrumentation is registered, so the module is patched.
const http = require('http');

function get(i) {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: `/?n=${i}`, agent: false },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      });
    request.on('error', reject);
  });
}

(async () => {
  const statuses = await Promise.all(Array.from({ length: count }, (_, i) => get(i)));
  await provider.forceFlush();
  await provider.shutdown();
  console.log(JSON.stringify({ statuses }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
