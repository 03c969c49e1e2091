import type { BindToFluentSyntax, Container, MapToResolvedValueInjectOptions } from 'inversify';

declare const carries: unique symbol;

/**
 * A symbol that remembers the type bound to it, so `bind`, `get` and factory dependencies are
 * checked by the compiler instead of trusted by convention.
 */
export type Token<T> = symbol & { readonly [carries]?: T };

export function token<T>(description: string): Token<T> {
  return Symbol(description) as Token<T>;
}

export type TokensOf<A extends unknown[]> = { [K in keyof A]: Token<A[K]> };

/** `toResolvedValue` whose dependency list must match the factory's parameters type for type. */
export function factory<T, A extends unknown[]>(
  binding: BindToFluentSyntax<T>,
  create: (...deps: A) => T,
  deps: TokensOf<A>,
) {
  // Token<X> is a plain symbol at run time; the cast only forgets the type the compiler already checked.
  return binding.toResolvedValue(create, deps as unknown as MapToResolvedValueInjectOptions<A>);
}

/** `container.get` that keeps the token's type (inversify cannot infer it from a bare symbol). */
export function resolve<T>(container: Container, t: Token<T>): T {
  return container.get<T>(t);
}
