type Json = Record<string, unknown>;

const esc = (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function refName(schema: unknown): string {
  if (schema && typeof schema === 'object') {
    const ref = (schema as Json).$ref;
    if (typeof ref === 'string') return ref.split('/').pop() ?? ref;
    const type = (schema as Json).type;
    if (type) return String(type);
  }
  return 'object';
}

function contentList(content: unknown): string {
  if (!content || typeof content !== 'object') return '';
  return Object.entries(content as Record<string, Json>)
    .map(([type, media]) => {
      const name = refName(media.schema);
      return `<code>${esc(type)}</code> → <a href="#schema-${esc(name)}">${esc(name)}</a>`;
    })
    .join(', ');
}

/**
 * Renders an OpenAPI document as one self-contained HTML page: operations by tag, then schemas. No
 * scripts, no CDN, so it works on a closed network.
 */
export function renderDocs(doc: Json): string {
  const info = (doc.info ?? {}) as Json;
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  const ops: Array<{ tag: string; method: string; path: string; op: Json }> = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tags = (op.tags as string[] | undefined) ?? ['other'];
      ops.push({ tag: tags[0] ?? 'other', method, path, op });
    }
  }
  const tags = [...new Set(ops.map((o) => o.tag))];
  const sections = tags.map((tag) => {
    const items = ops
      .filter((o) => o.tag === tag)
      .map(({ method, path, op }) => {
        const params = ((op.parameters as Json[] | undefined) ?? [])
          .map(
            (p) =>
              `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''}) ${esc(p.description)}</li>`,
          )
          .join('');
        const body = op.requestBody as Json | undefined;
        const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
          .map(
            ([status, r]) => `<li><b>${esc(status)}</b> ${esc(r.description)} ${contentList(r.content)}</li>`,
          )
          .join('');
        return `<article id="op-${esc(op.operationId)}">
<h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary)} <small>operationId <code>${esc(op.operationId)}</code></small></p>
${op.description ? `<p>${esc(op.description)}</p>` : ''}
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}
${body ? `<h4>Body</h4><p>${contentList(body.content)}</p>` : ''}
<h4>Responses</h4><ul>${responses}</ul></article>`;
      })
      .join('\n');
    return `<section><h2>${esc(tag)}</h2>${items}</section>`;
  });
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, unknown>;
  const schemaHtml = Object.entries(schemas)
    .map(
      ([name, schema]) =>
        `<h3 id="schema-${esc(name)}">${esc(name)}</h3><pre>${esc(JSON.stringify(schema, null, 2))}</pre>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(info.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b1f24}
code,pre{font-family:ui-monospace,monospace}pre{background:#f3f4f6;padding:.75rem;overflow:auto;border-radius:6px}
article{border-top:1px solid #d0d7de;padding:.5rem 0}.m{display:inline-block;min-width:4.5rem;font-size:.8em;padding:.1rem .4rem;border-radius:4px;color:#fff;background:#57606a}
.m.get{background:#0969da}.m.post{background:#1a7f37}h4{margin:.5rem 0 0}</style></head>
<body><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a></p>
${sections.join('\n')}<section><h2>Schemas</h2>${schemaHtml}</section></body></html>`;
}
