// Field scopes: the token scopes a field needs (`authScopes` on the field), checked before its resolver runs,
// or before a subscription subscribes, so a missing scope stops the field before any upstream call.
//
// A Pothos plugin of our own in place of @pothos/plugin-scope-auth: its generality (scope loaders that may
// be async, grants, type scopes) cost every scoped field a chain of steps, two promises and four closures a
// resolve, and every request five Maps and a WeakMap entry (what that came to: docs/performance.md). What
// the schema asks of scopes is a set lookup: any one of a field's scopes, or with `$all` every one.
import SchemaBuilder, {
  BasePlugin,
  type FieldNullability,
  type InputFieldMap,
  type InputShapeFromFields,
  type PothosOutputFieldConfig,
  type SchemaTypes,
  type TypeParam,
} from '@pothos/core';
import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import type { Scope } from './auth.js';

/** Any one of the scopes set true; with `$all`, every one of them. */
type ScopeMap = Partial<Record<Scope, boolean>> | { $all: Partial<Record<Scope, boolean>> };

/** A field's scopes: fixed, or chosen by its arguments (a mutation that does more with more arguments). */
type ScopeRule<Parent, Args, Context> = ScopeMap | ((parent: Parent, args: Args, context: Context, info: GraphQLResolveInfo) => ScopeMap);

interface FieldScopesOptions<Context> {
  /** The scopes the request's token grants. */
  granted: (context: Context) => ReadonlySet<Scope>;
  /** The error for a field the token lacks scopes for: `missing` says which would do ("a or b", "a and b"). */
  forbidden: (info: GraphQLResolveInfo, missing: string) => Error;
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      fieldScopes: FieldScopesPlugin<Types>;
    }

    export interface SchemaBuilderOptions<Types extends SchemaTypes> {
      fieldScopes: FieldScopesOptions<Types['Context']>;
    }

    export interface FieldOptions<
      Types extends SchemaTypes,
      ParentShape,
      Type extends TypeParam<Types>,
      Nullable extends FieldNullability<Type>,
      Args extends InputFieldMap,
      ResolveShape,
      ResolveReturnShape,
    > {
      authScopes?: ScopeRule<ParentShape, InputShapeFromFields<Args>, Types['Context']>;
    }
  }
}

/** A rule's scopes as read once: whether every one is needed, and which. */
interface Needs {
  all: boolean;
  scopes: Scope[];
}

function needsOf(map: ScopeMap): Needs {
  const all = '$all' in map;
  const entries = Object.entries(all ? map.$all : map) as [Scope, boolean | undefined][];
  return { all, scopes: entries.filter(([, on]) => on).map(([scope]) => scope) };
}

/** What `granted` lacks of `needs`, as the error says it; undefined when it lacks nothing. */
function missingOf({ all, scopes }: Needs, granted: ReadonlySet<Scope>): string | undefined {
  if (all) return scopes.every((s) => granted.has(s)) ? undefined : scopes.filter((s) => !granted.has(s)).join(' and ');
  return scopes.some((s) => granted.has(s)) ? undefined : scopes.join(' or ');
}

type Check<Context> = (parent: unknown, args: object, context: Context, info: GraphQLResolveInfo) => string | undefined;

class FieldScopesPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    // A subscription's scopes are checked once, when it subscribes; each event it resolves is then served.
    if (this.buildCache.getTypeConfig(fieldConfig.parentType).kind === 'Subscription') return resolver;
    return this.guarded(resolver, fieldConfig) ?? resolver;
  }

  override wrapSubscribe(
    subscribe: GraphQLFieldResolver<unknown, Types['Context'], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> | undefined {
    return subscribe && (this.guarded(subscribe, fieldConfig) ?? subscribe);
  }

  /** `run` behind the field's scope check; undefined for a field that needs no scope. */
  private guarded(
    run: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> | undefined {
    const check = this.checkOf(fieldConfig);
    if (!check) return undefined;
    const { forbidden } = this.builder.options.fieldScopes;
    return (parent, args, context, info) => {
      const missing = check(parent, args, context, info);
      if (missing !== undefined) throw forbidden(info, missing);
      return run(parent, args, context, info);
    };
  }

  private checkOf(fieldConfig: PothosOutputFieldConfig<Types>): Check<Types['Context']> | undefined {
    const rule = fieldConfig.pothosOptions.authScopes as ScopeRule<unknown, object, Types['Context']> | undefined;
    if (!rule) return undefined;
    const { granted } = this.builder.options.fieldScopes;
    if (typeof rule === 'function')
      return (parent, args, context, info) => missingOf(needsOf(rule(parent, args, context, info)), granted(context));
    // A fixed rule is read once, here: a resolve is then a set lookup or two.
    const needs = needsOf(rule);
    return (_parent, _args, context) => missingOf(needs, granted(context));
  }
}

/** The plugin's name, as the builder's `plugins` lists it. */
export const fieldScopes = 'fieldScopes';

SchemaBuilder.registerPlugin(fieldScopes, FieldScopesPlugin);
