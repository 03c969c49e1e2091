import type { BindToFluentSyntax, Container, MapToResolvedValueInjectOptions } from 'inversify';

declare const carries: unique symbol;

/**
 * A symbol that remembers the type bound to it, so `bind`, `get` and factory dependencies are
 * checked by the compiler instead of trusted by convention.
 */
export type Token<T> = symbol & { readonly [carries]?: T };

export function token<T>(description: string): Token<T> {
  return Symbol(description);
}

/**
 * Every value bound to a token, for tokens several modules contribute to (`bind` once per value):
 * e.g. `allOf(Background.Subscriber)` is a dependency of type `EventSubscriber[]`, empty when none is bound.
 */
export interface AllOf<T> {
  readonly serviceIdentifier: symbol;
  readonly isMultiple: true;
  readonly optional: true;
  readonly [carries]?: T;
}

export function allOf<T>(t: Token<T>): AllOf<T[]> {
  return { serviceIdentifier: t, isMultiple: true, optional: true };
}

export type TokensOf<A extends unknown[]> = { [K in keyof A]: Token<A[K]> | AllOf<A[K]> };

/** `toResolvedValue` whose dependency list must match the factory's parameters type for type. */
export function factory<T, A extends unknown[]>(
  binding: BindToFluentSyntax<T>,
  create: (...deps: A) => T,
  deps: TokensOf<A>,
) {
  // Token<X> is a plain symbol (AllOf an inversify descriptor) at run time; the cast only forgets the type the compiler already checked.
  return binding.toResolvedValue(create, deps as unknown as MapToResolvedValueInjectOptions<A>);
}

export type TokensFor<D> = { [K in keyof D]: Token<D[K]> | AllOf<D[K]> };

/**
 * `factory` with dependencies by name: `create` receives one object holding, under each key, what the
 * token of that key resolves to. For constructors that take a deps object, so wiring reads
 * `{ listings: Ports.Listings, clock: Core.Clock }` instead of two lists that must line up.
 */
export function named<T, D extends object>(binding: BindToFluentSyntax<T>, create: (deps: D) => T, deps: TokensFor<D>) {
  const keys = Object.keys(deps) as (keyof D & string)[];
  const tokens = keys.map((k) => deps[k]) as unknown as TokensOf<unknown[]>;
  return factory(
    binding,
    (...values: unknown[]) => create(Object.fromEntries(keys.map((k, i) => [k, values[i]])) as D),
    tokens,
  );
}

/** `container.get` that keeps the token's type (inversify cannot infer it from a bare symbol). */
export function resolve<T>(container: Container, t: Token<T>): T {
  return container.get<T>(t);
}

/** Every value bound to a contributed token, in binding order (empty when none). */
export function resolveAll<T>(container: Container, t: Token<T>): T[] {
  return container.getAll<T>(t, { optional: true });
}
