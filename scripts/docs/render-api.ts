/**
 * Renders the companion's OpenAPI document as the Markdown reference in docs/api.md: every operation
 * with its access, parameters, request body, and each status with its error codes and examples.
 * @module
 */
import type { OpenAPIV3_1 } from 'openapi-types';

type Operation = OpenAPIV3_1.OperationObject;
type Response = OpenAPIV3_1.ResponseObject;
type Media = OpenAPIV3_1.MediaTypeObject;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function renderApiReference(document: OpenAPIV3_1.Document): string {
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) =>
      item?.[method] ? [{ method: method.toUpperCase(), path, op: item[method]! }] : [],
    ),
  );
  const lines = [
    `# ${document.info.title}, version ${document.info.version}`,
    '',
    "> Generated from the companion's code by `npm run docs:api`; do not edit by hand. A running companion serves",
    '> the same document as OpenAPI 3.1 at `GET /api/v1/openapi.json`. The minimum every version keeps is',
    '> [contract-v1.md](contract-v1.md).',
    '',
    document.info.description ?? '',
    '',
    '## Endpoints',
    '',
    '| method | path | what |',
    '| --- | --- | --- |',
    ...operations.map(({ method, path, op }) => `| ${method} | \`${path}\` | ${op.summary ?? ''} |`),
    '',
    ...operations.flatMap(({ method, path, op }) => renderOperation(method, path, op)),
    '## Answers to requests no operation matches',
    '',
    ...Object.values(document.components?.responses ?? {}).flatMap((response) =>
      renderResponse('404/405', response as Response),
    ),
  ];
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

function renderOperation(method: string, path: string, op: Operation): string[] {
  const lines = [`### \`${method} ${path}\` — ${op.summary ?? ''}`, '', op.description ?? '', ''];
  const parameters = (op.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
  if (parameters.length > 0) {
    lines.push('| parameter | in | required | description |', '| --- | --- | --- | --- |');
    for (const p of parameters)
      lines.push(`| \`${p.name}\` | ${p.in} | ${p.required ? 'yes' : 'no'} | ${p.description ?? ''} |`);
    lines.push('');
  }
  const body = (op.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content?.['application/json'];
  if (body?.schema) lines.push('Request body (`application/json`), schema:', '', ...json(body.schema), '');
  for (const [status, response] of Object.entries(op.responses ?? {}))
    lines.push(...renderResponse(status, response as Response));
  return lines;
}

function renderResponse(status: string, response: Response): string[] {
  const lines = [`**${status}** — ${response.description}`, ''];
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    lines.push(`- header \`${name}\`: ${(header as OpenAPIV3_1.HeaderObject).description ?? ''}`);
  }
  const media = response.content?.['application/json'] as Media | undefined;
  if (media?.example !== undefined) lines.push('', ...json(media.example));
  // Error examples: the contract's body with each code's message, one line a code.
  for (const [name, example] of Object.entries(media?.examples ?? {})) {
    const body = (example as OpenAPIV3_1.ExampleObject).value as { error: { message: string } };
    lines.push(`- \`${name}\`: "${body.error.message}"`);
  }
  lines.push('');
  return lines;
}

function json(value: unknown): string[] {
  return ['```json', JSON.stringify(value, null, 2), '```'];
}
