/**
 * `/v1/files`: multipart upload (`file` + `purpose`), list, retrieve, delete and the raw
 * content download. A file over the size limit is refused with an OpenAI-shaped 400 and
 * nothing is stored.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { FILE_PURPOSES } from '../../builtin/file-store';
import type { BuiltinTools } from '../../builtin/builtin-tools';
import { ApiError } from '../../runtime/api-error';
import type { IdParams } from './context';
import { parseListQuery, type RawQuery } from './query';
import { invalidValue } from './validate';

/** Registers the multipart parser and the file routes on the `/v1` scope. */
export async function registerFileRoutes(app: FastifyInstance, builtin: BuiltinTools): Promise<void> {
  const { files } = builtin;
  await app.register(multipart, { limits: { fileSize: files.limits.maxBytes, files: 1, fields: 10, fieldSize: 64 * 1024 } });

  app.post('/files', async (req) => {
    if (!req.isMultipart()) throw new ApiError(400, "Uploads must be sent as multipart/form-data with the fields 'file' and 'purpose'.", 'invalid_request_error', 'file', null);
    let name: string | null = null;
    let content: Buffer | null = null;
    let purpose: string | null = null;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new ApiError(400, `Unknown parameter: '${part.fieldname}'.`, 'invalid_request_error', part.fieldname, 'unknown_parameter');
        name = part.filename;
        try {
          content = await part.toBuffer();
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new ApiError(400, `File '${name}' is too large. The maximum file size is ${files.limits.maxBytes} bytes.`, 'invalid_request_error', 'file', 'file_too_large');
          }
          throw error;
        }
      } else if (part.fieldname === 'purpose') purpose = String(part.value);
      else if (part.fieldname !== 'expires_after[anchor]' && part.fieldname !== 'expires_after[seconds]') {
        throw new ApiError(400, `Unknown parameter: '${part.fieldname}'.`, 'invalid_request_error', part.fieldname, 'unknown_parameter');
      }
    }
    if (content === null || name === null) throw new ApiError(400, "Missing required parameter: 'file'.", 'invalid_request_error', 'file', 'missing_required_parameter');
    if (purpose === null) throw new ApiError(400, "Missing required parameter: 'purpose'.", 'invalid_request_error', 'purpose', 'missing_required_parameter');
    if (!(FILE_PURPOSES as readonly string[]).includes(purpose)) throw invalidValue('purpose', purpose, FILE_PURPOSES);
    return files.create(name, purpose, content);
  });

  app.get<{ Querystring: RawQuery }>('/files', async (req) => {
    const purpose = typeof req.query.purpose === 'string' ? req.query.purpose : undefined;
    return files.list({ ...parseListQuery(req.query), purpose });
  });
  app.get<{ Params: IdParams }>('/files/:file_id', async (req) => files.get(req.params.file_id));
  app.delete<{ Params: IdParams }>('/files/:file_id', async (req) => files.delete(req.params.file_id));
  app.get<{ Params: IdParams }>('/files/:file_id/content', async (req, reply) => {
    const file = files.get(req.params.file_id);
    const body = files.content(file.id);
    return reply
      .type(contentType(file.filename))
      .header('content-disposition', `attachment; filename="${file.filename.replace(/["\\\r\n]/g, '_')}"`)
      .send(body);
  });
}

function contentType(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const types: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    svg: 'image/svg+xml',
    pdf: 'application/pdf',
    json: 'application/json',
    txt: 'text/plain; charset=utf-8',
    md: 'text/markdown; charset=utf-8',
    csv: 'text/csv; charset=utf-8',
    html: 'text/plain; charset=utf-8',
  };
  return types[ext] ?? 'application/octet-stream';
}
