// Runs one invocation the way the Functions worker does: the request in RPC shape goes through
// @azure/functions' own InvocationModel (its converters build HttpRequest, timer and queue inputs, and
// turn the handler's result back into RPC data), with the app's pre/post invocation hooks around it.
import { randomUUID } from 'node:crypto';
import * as core from './functions-core-shim';

export type LogSink = (line: string) => void;

export interface InvocationInput {
  /** The trigger's data (http, json or string), named for the trigger binding by `invoke`. */
  trigger: core.RpcTypedData;
  triggerMetadata?: Record<string, core.RpcTypedData>;
}

export async function invoke(
  reg: core.Registration,
  input: InvocationInput,
  log: LogSink,
): Promise<core.RpcInvocationResponse> {
  const model = core.getProgrammingModel();
  if (!model) throw new Error('no programming model registered: is @azure/functions loaded?');
  const name = reg.metadata.name;
  const trigger = Object.entries(reg.metadata.bindings).find(([, b]) => /trigger$/i.test(b.type ?? ''));
  if (!trigger) throw new Error(`function ${name} has no trigger binding`);
  const invocationId = randomUUID();
  const coreCtx = {
    invocationId,
    metadata: reg.metadata,
    state: undefined as string | undefined,
    request: {
      invocationId,
      functionId: name,
      inputData: [{ name: trigger[0], data: input.trigger }],
      triggerMetadata: input.triggerMetadata ?? {},
    },
    log: (level: string, category: string, message: string) => log(`[${name}] ${level === 'information' ? '' : `${level}: `}${message}`),
  };
  const invocation = model.getInvocationModel(coreCtx);
  const { context, inputs } = await invocation.getArguments();

  const hookData = {};
  const pre = { invocationContext: context, inputs, functionCallback: reg.handler, hookData, appHookData };
  coreCtx.state = 'preInvocationHooks';
  for (const hook of core.hooksFor('preInvocation')) await hook(pre);

  coreCtx.state = 'invocation';
  let result: unknown;
  let error: unknown;
  try {
    result = await invocation.invokeFunction(context, pre.inputs, pre.functionCallback);
  } catch (err) {
    error = err;
  }
  const post = { invocationContext: context, inputs: pre.inputs, result, error, hookData, appHookData };
  coreCtx.state = 'postInvocationHooks';
  for (const hook of core.hooksFor('postInvocation')) await hook(post);
  if (post.error) throw post.error;
  return invocation.getResponse(context, post.result);
}

/** Shared between app-level and invocation hooks, as in the worker. */
export const appHookData: Record<string, unknown> = {};

export async function runAppHooks(hookName: 'appStart' | 'appTerminate', functionAppDirectory: string): Promise<void> {
  for (const hook of core.hooksFor(hookName)) await hook({ hookData: {}, appHookData, functionAppDirectory });
}

/** The data of an RPC value as bytes (bodies) or text (queue messages). */
export function rpcBytes(data: core.RpcTypedData | null | undefined): Buffer {
  if (!data) return Buffer.alloc(0);
  if (data.bytes) return Buffer.from(data.bytes);
  if (data.string !== undefined) return Buffer.from(data.string);
  if (data.json !== undefined) return Buffer.from(data.json);
  return Buffer.alloc(0);
}
