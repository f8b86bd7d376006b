// Stands in for `@azure/functions-core`, the module the Azure Functions worker injects: @azure/functions
// hands it every registration (name, bindings, handler) and its programming model, as in Azure.
// The local host and the registration test read them back from here.

/** A binding as @azure/functions describes it to the worker (trigger, inputs, outputs). */
export interface RpcBindingInfo {
  type?: string;
  direction?: 'in' | 'out' | 'inout';
  name?: string;
  [option: string]: unknown;
}
export interface FunctionMetadata {
  name: string;
  bindings: Record<string, RpcBindingInfo>;
  retryOptions?: unknown;
}
export type FunctionCallback = (...args: unknown[]) => unknown;
export type HookCallback = (context: Record<string, unknown>) => unknown;

export interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], handler: FunctionCallback): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<RpcInvocationResponse>;
}
export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(coreCtx: unknown): InvocationModel;
}
/** The subset of the worker's RPC typed data the local host produces and reads. */
export interface RpcTypedData {
  string?: string;
  json?: string;
  bytes?: Uint8Array;
  http?: {
    statusCode?: string;
    headers?: Record<string, string>;
    cookies?: unknown[];
    body?: RpcTypedData | null;
  };
}
export interface RpcInvocationResponse {
  invocationId: string;
  outputData?: { name: string; data?: RpcTypedData | null }[];
  returnValue?: RpcTypedData | null;
}
export interface Registration {
  metadata: FunctionMetadata;
  handler: FunctionCallback;
}

interface Disposable {
  dispose(): void;
}

const state = {
  model: undefined as ProgrammingModel | undefined,
  functions: new Map<string, Registration>(),
  hooks: new Map<string, HookCallback[]>(),
};

export function setProgrammingModel(model: ProgrammingModel): void {
  state.model = model;
}

export function getProgrammingModel(): ProgrammingModel | undefined {
  return state.model;
}

export function registerFunction(metadata: FunctionMetadata, handler: FunctionCallback): Disposable {
  // The real worker refuses a second function of the same name, so do we.
  if (state.functions.has(metadata.name)) {
    throw new Error(`A function with name "${metadata.name}" has already been registered.`);
  }
  state.functions.set(metadata.name, { metadata, handler });
  return { dispose: () => state.functions.delete(metadata.name) };
}

export function registerHook(hookName: string, callback: HookCallback): Disposable {
  const list = state.hooks.get(hookName) ?? [];
  list.push(callback);
  state.hooks.set(hookName, list);
  return { dispose: () => list.splice(list.indexOf(callback), 1) };
}

/** System log from the library (present in real hosts from v4.28, which also turns on HTTP streaming checks). */
export function log(level: string, category: string, message: string): void {
  if (level === 'error' || level === 'critical' || level === 'warning') console.warn(`[functions ${category}] ${message}`);
}

/** What has been registered so far in this process. */
export const registrations = (): Registration[] => [...state.functions.values()];
export const hooksFor = (hookName: string): HookCallback[] => state.hooks.get(hookName) ?? [];
