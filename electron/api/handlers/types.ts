import type { MethodName } from '../../../shared/api';
import type { Handler } from '../handlers';

/** A domain's slice of the handler table: one handler for each method of its contract file. */
export type DomainHandlers<Spec> = { [M in keyof Spec & MethodName]: Handler<M> };
