// Where a function of the script was defined, from the inspector's
// [[FunctionLocation]] internal property (none for native code).
import type { InspectorClient } from './inspector-client.js';

export interface FunctionLocation {
  scriptId: string;
  lineNumber: number;
}

export async function functionLocation(client: InspectorClient, fnId: string): Promise<FunctionLocation | undefined> {
  const props = await client.post<{ internalProperties?: { name: string; value?: { value?: { scriptId?: string; lineNumber?: number } } }[] }>(
    'Runtime.getProperties', { objectId: fnId, ownProperties: true });
  const location = props.internalProperties?.find((p) => p.name === '[[FunctionLocation]]')?.value?.value;
  return location?.scriptId ? { scriptId: location.scriptId, lineNumber: location.lineNumber ?? 0 } : undefined;
}
