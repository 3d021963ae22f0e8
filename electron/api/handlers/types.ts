import type { MethodName, MethodResult, ParsedInput } from '../../../shared/api';
import type { HostContext } from '../../host/context';

/** The handler of one method: its parsed input in, its result out. */
export type Handler<M extends MethodName> = (ctx: HostContext, input: ParsedInput<M>) => MethodResult<M> | Promise<MethodResult<M>>;

export type HandlerTable = { [M in MethodName]: Handler<M> };

/** A domain's slice of the handler table: one handler for each method of its contract file. */
export type DomainHandlers<Spec> = { [M in keyof Spec & MethodName]: Handler<M> };
