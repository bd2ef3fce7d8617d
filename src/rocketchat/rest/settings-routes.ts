import { raise } from '../../errors.js';
import { ok } from '../../http/respond.js';
import type { Route } from './route.js';

export const settingsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/settings.public',
    validate: true,
    action: (ctx) => {
      const wanted = ctx.query._id ? new Set(ctx.query._id.split(',').map((x) => x.trim())) : undefined;
      const all = ctx.ws.settings.publicIds().filter((id) => !wanted || wanted.has(id)).sort();
      const offset = Number(ctx.query.offset ?? 0) || 0;
      const count = Number(ctx.query.count ?? 50) || 50;
      const settings = all.slice(offset, offset + count).map((_id) => ({ _id, value: ctx.ws.settings.get(_id) }));
      return ok({ settings, count: settings.length, offset, total: all.length });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/settings/{_id}',
    auth: 'required',
    permissions: ['view-privileged-setting'],
    action: (ctx) => {
      const id = ctx.params._id;
      if (!ctx.ws.settings.has(id)) return { status: 400, body: { success: false } };
      return ok({ _id: id, value: ctx.ws.settings.get(id) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/settings/{_id}',
    auth: 'required',
    permissions: ['edit-privileged-setting'],
    action: (ctx) => {
      const id = ctx.params._id;
      const body = ctx.body as Record<string, unknown> | null;
      if (!ctx.ws.settings.has(id) || !body || typeof body !== 'object' || !('value' in body)) return { status: 400, body: { success: false } };
      const value = body.value;
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return { status: 400, body: { success: false } };
      ctx.ws.settings.set(id, value);
      return ok();
    },
  },
  {
    method: 'GET',
    path: '/api/v1/permissions.listAll',
    auth: 'required',
    action: (ctx) => {
      const since = ctx.query.updatedSince;
      if (since !== undefined && Number.isNaN(Date.parse(since))) {
        throw raise('UPDATED_SINCE_INVALID');
      }
      const all = ctx.ws.permissions.list();
      const update = since ? all.filter((p) => p._updatedAt.getTime() > Date.parse(since)) : all;
      return ok({ update, remove: [] });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/permissions.update',
    auth: 'required',
    permissions: ['access-permissions'],
    validate: true,
    action: (ctx) => ok({ permissions: ctx.ws.permissions.update((ctx.body as { permissions: Array<{ _id: string; roles: string[] }> }).permissions) }),
  },
  {
    method: 'GET',
    path: '/api/info',
    action: () => ok({ version: '7.10' }),
  },
];
